import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { outboxFilterSchema } from "~/accounts/admin-schemas";
import { readQuery } from "~/http/query";
import { requireUser } from "~/accounts/permissions.server";
import { listOutbox } from "~/mail/outbox.server";
import { mailStatusBadges, mailStatusLabels } from "~/mail/status";
import { formatDateTime } from "~/infra/paris-time";
import { Pagination } from "~/ui/pagination";

export const meta: MetaFunction = () => [{ title: "Courriels — Administration — Kits d'inclusion numérique" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const { destinataire, page } = readQuery(request, outboxFilterSchema);
  const result = await listOutbox({ recipient: destinataire, page });
  return {
    destinataire,
    ...result,
    items: result.items.map((mail) => ({ ...mail, createdAt: formatDateTime(mail.createdAt), sentAt: mail.sentAt ? formatDateTime(mail.sentAt) : null })),
  };
}

export default function Outbox() {
  const { destinataire, items, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Courriels</h1>
      <p>
        Tous les courriels envoyés par le portail passent par cette boîte d'envoi. Sans serveur SMTP configuré, ils y sont
        conservés et vous pouvez les lire ici ; sinon, ils partent et leur état d'envoi s'affiche.
      </p>
      <Form method="get" className="fr-mb-4w">
        <div className="fr-search-bar" role="search">
          <label className="fr-label" htmlFor="filtre-destinataire">
            Filtrer par destinataire
          </label>
          <input
            className="fr-input"
            id="filtre-destinataire"
            name="destinataire"
            type="search"
            placeholder="Adresse du destinataire"
            defaultValue={destinataire}
          />
          <button className="fr-btn" type="submit" title="Filtrer">
            Filtrer
          </button>
        </div>
      </Form>
      <p role="status">
        {total === 0
          ? destinataire
            ? `Aucun courriel pour « ${destinataire} ».`
            : "Aucun courriel pour l'instant."
          : `${total} courriel${total > 1 ? "s" : ""}${destinataire ? ` pour « ${destinataire} »` : ""}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
      </p>
      {items.length > 0 ? (
        <div className="fr-table fr-table--multiline">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Boîte d'envoi, du plus récent au plus ancien</caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Destinataire</th>
                      <th scope="col">Objet</th>
                      <th scope="col">État</th>
                      <th scope="col">Tentatives</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((mail) => (
                      <tr key={mail.id}>
                        <td>{mail.createdAt}</td>
                        <td>{mail.toAddress}</td>
                        <td>
                          <Link to={`/admin/courriels/${mail.id}`}>{mail.subject}</Link>
                        </td>
                        <td>
                          <p className={`fr-badge fr-badge--sm fr-badge--${mailStatusBadges[mail.status]}`}>{mailStatusLabels[mail.status]}</p>
                        </td>
                        <td>{mail.attempts}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Pages de la boîte d'envoi" />
    </>
  );
}
