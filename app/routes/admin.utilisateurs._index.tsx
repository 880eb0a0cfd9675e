import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { userSearchSchema } from "~/accounts/admin-schemas";
import { readQuery } from "~/http/query";
import { searchUsers } from "~/accounts/admin.server";
import { requireUser } from "~/accounts/permissions.server";
import { describeScope, roleLabels } from "~/accounts/roles";
import { formatDate } from "~/infra/paris-time";
import { Pagination } from "~/ui/pagination";

export const meta: MetaFunction = () => [{ title: "Utilisateurs — Administration — Kits d'inclusion numérique" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const { q, page } = readQuery(request, userSearchSchema);
  const result = await searchUsers({ query: q, page });
  return {
    q,
    ...result,
    items: result.items.map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      disabled: user.disabledAt !== null,
      emailConfirmed: user.emailConfirmedAt !== null,
      roles: user.memberships.map((m) => `${roleLabels[m.role]} (${describeScope(m.scope)})`),
      createdAt: formatDate(user.createdAt),
    })),
  };
}

export default function Users() {
  const { q, items, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Utilisateurs</h1>
      <Form method="get" className="fr-mb-4w">
        <div className="fr-search-bar" role="search">
          <label className="fr-label" htmlFor="recherche-utilisateurs">
            Rechercher une personne par nom ou adresse électronique
          </label>
          <input
            className="fr-input"
            id="recherche-utilisateurs"
            name="q"
            type="search"
            placeholder="Nom ou adresse électronique"
            defaultValue={q}
          />
          <button className="fr-btn" type="submit" title="Rechercher">
            Rechercher
          </button>
        </div>
      </Form>
      <p role="status">
        {total === 0
          ? q
            ? `Aucune personne ne correspond à « ${q} ».`
            : "Aucun compte pour l'instant."
          : `${total} personne${total > 1 ? "s" : ""}${q ? ` pour « ${q} »` : ""}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
      </p>
      {items.length > 0 ? (
        <div className="fr-table fr-table--multiline">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>{q ? `Résultats de la recherche « ${q} »` : "Tous les comptes"}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Personne</th>
                      <th scope="col">Rôles</th>
                      <th scope="col">État</th>
                      <th scope="col">Créé le</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((user) => (
                      <tr key={user.id}>
                        <td>
                          <Link to={`/admin/utilisateurs/${user.id}`}>{user.name}</Link>
                          <br />
                          <span className="fr-text--sm">{user.email}</span>
                        </td>
                        <td>
                          {user.roles.length ? (
                            <ul className="fr-m-0 fr-p-0" style={{ listStyle: "none" }}>
                              {user.roles.map((role) => (
                                <li key={role}>{role}</li>
                              ))}
                            </ul>
                          ) : (
                            "Aucun rôle"
                          )}
                        </td>
                        <td>
                          {user.disabled ? (
                            <p className="fr-badge fr-badge--error fr-badge--sm">Désactivé</p>
                          ) : (
                            <p className="fr-badge fr-badge--success fr-badge--sm">Actif</p>
                          )}
                          {user.emailConfirmed ? null : <p className="fr-badge fr-badge--warning fr-badge--sm fr-mt-1v">Adresse non confirmée</p>}
                        </td>
                        <td>{user.createdAt}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Pages de résultats" />
    </>
  );
}
