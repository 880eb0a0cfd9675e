import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { outboxFilterSchema } from "~/accounts/admin-schemas";
import { requireUser } from "~/accounts/permissions.server";
import { listOutbox } from "~/mail/outbox.server";
import { mailStatusBadges, mailStatusLabels } from "~/mail/status";
import { readQuery } from "~/http/query";
import { formatDateTime } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { SearchBar } from "~/ui/search-bar";

export const meta: MetaFunction = () => [{ title: pageTitle("Courriels", "Administration") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const { destinataire, page } = readQuery(request, outboxFilterSchema);
  const result = await listOutbox({ recipient: destinataire, page });
  return {
    destinataire,
    ...result,
    items: result.items.map((mail) => ({
      ...mail,
      createdAt: formatDateTime(mail.createdAt),
      sentAt: mail.sentAt ? formatDateTime(mail.sentAt) : null,
    })),
  };
}

export default function Outbox() {
  const { destinataire, items, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Courriels</h1>
      <p>
        Tous les courriels envoyés par le portail passent par cette boîte d'envoi. Sans serveur SMTP configuré, ils y sont conservés et vous pouvez
        les lire ici ; sinon, ils partent et leur état d'envoi s'affiche.
      </p>
      <SearchBar
        id="filtre-destinataire"
        name="destinataire"
        label="Filtrer par destinataire"
        placeholder="Adresse du destinataire"
        defaultValue={destinataire}
        button="Filtrer"
      />
      <p role="status">
        {total === 0
          ? destinataire
            ? `Aucun courriel pour « ${destinataire} ».`
            : "Aucun courriel pour l'instant."
          : `${plural(total, "courriel")}${destinataire ? ` pour « ${destinataire} »` : ""}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
      </p>
      {items.length > 0 ? (
        <DataTable
          caption="Boîte d'envoi, du plus récent au plus ancien"
          headers={["Date", "Destinataire", "Objet", "État", "Tentatives"]}
          rows={items.map((mail) => ({
            key: mail.id,
            cells: [
              mail.createdAt,
              mail.toAddress,
              <Link to={`/admin/courriels/${mail.id}`}>{mail.subject}</Link>,
              <p className={`fr-badge fr-badge--sm fr-badge--${mailStatusBadges[mail.status]}`}>{mailStatusLabels[mail.status]}</p>,
              mail.attempts,
            ],
          }))}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Pages de la boîte d'envoi" />
    </>
  );
}
