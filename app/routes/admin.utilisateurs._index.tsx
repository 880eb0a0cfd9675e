import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { userSearchSchema } from "~/accounts/admin-schemas";
import { searchUsers } from "~/accounts/admin.server";
import { requireUser } from "~/accounts/permissions.server";
import { describeScope, roleLabels } from "~/accounts/roles";
import { readQuery } from "~/http/query";
import { formatDate } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { SearchBar } from "~/ui/search-bar";

export const meta: MetaFunction = () => [{ title: pageTitle("Utilisateurs", "Administration") }];

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
      <SearchBar
        id="recherche-utilisateurs"
        name="q"
        label="Rechercher une personne par nom ou adresse électronique"
        placeholder="Nom ou adresse électronique"
        defaultValue={q}
        button="Rechercher"
      />
      <p role="status">
        {total === 0
          ? q
            ? `Aucune personne ne correspond à « ${q} ».`
            : "Aucun compte pour l'instant."
          : `${plural(total, "personne")}${q ? ` pour « ${q} »` : ""}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
      </p>
      {items.length > 0 ? (
        <DataTable
          caption={q ? `Résultats de la recherche « ${q} »` : "Tous les comptes"}
          headers={["Personne", "Rôles", "État", "Créé le"]}
          rows={items.map((user) => ({
            key: user.id,
            cells: [
              <>
                <Link to={`/admin/utilisateurs/${user.id}`}>{user.name}</Link>
                <br />
                <span className="fr-text--sm">{user.email}</span>
              </>,
              user.roles.length ? (
                <ul className="fr-m-0 fr-p-0" style={{ listStyle: "none" }}>
                  {user.roles.map((role) => (
                    <li key={role}>{role}</li>
                  ))}
                </ul>
              ) : (
                "Aucun rôle"
              ),
              <>
                {user.disabled ? (
                  <p className="fr-badge fr-badge--error fr-badge--sm">Désactivé</p>
                ) : (
                  <p className="fr-badge fr-badge--success fr-badge--sm">Actif</p>
                )}
                {user.emailConfirmed ? null : <p className="fr-badge fr-badge--warning fr-badge--sm fr-mt-1v">Adresse non confirmée</p>}
              </>,
              user.createdAt,
            ],
          }))}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Pages de résultats" />
    </>
  );
}
