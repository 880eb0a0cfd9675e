import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { auditFilterSchema } from "~/accounts/admin-schemas";
import { requireUser } from "~/accounts/permissions.server";
import { auditJournal } from "~/audit/audit.server";
import { MAIN_CHAIN } from "~/audit/chain";
import { auditActionLabel, auditDataLines } from "~/audit/labels";
import { readQuery } from "~/http/query";
import { formatDateTime } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";
import { Notice } from "~/ui/form";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { SearchBar } from "~/ui/search-bar";

export const meta: MetaFunction = () => [{ title: pageTitle("Journal d'audit", "Administration") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const { sujet, page } = readQuery(request, auditFilterSchema);
  const { entries, verdict } = await auditJournal({ subject: sujet, page });
  return {
    sujet,
    verdict,
    ...entries,
    items: entries.items.map((entry) => ({
      // Ids count within a chain: a département's entries are named by their chain too.
      key: `${entry.chain}:${entry.id}`,
      number: entry.chain === MAIN_CHAIN ? String(entry.id) : `${entry.id} (${entry.chain.replace(":", " ")})`,
      at: formatDateTime(entry.at),
      actorId: entry.actorId,
      actorEmail: entry.actorEmail,
      action: entry.action,
      actionLabel: auditActionLabel(entry.action),
      subject: entry.subject,
      userId: /^user:(\d+)$/.exec(entry.subject ?? "")?.[1] ?? null,
      data: auditDataLines(entry.data),
    })),
  };
}

export default function AuditJournal() {
  const { sujet, verdict, items, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Journal d'audit</h1>
      <p>
        Chaque changement de rôle, de compte et chaque connexion y est inscrit. Les entrées sont chaînées : chacune porte l'empreinte de la
        précédente, si bien qu'une entrée modifiée ou supprimée est détectée.
      </p>
      {verdict.ok ? (
        <Notice kind="success" title="Journal intègre">
          <p>Les {plural(verdict.count, "entrée")} du journal ont été vérifiées : aucune n'a été modifiée ni supprimée.</p>
        </Notice>
      ) : (
        <Notice kind="error" title={`Journal altéré à l'entrée n° ${verdict.entryId}`}>
          <p>
            La vérification de la chaîne échoue : {verdict.reason}. Les entrées suivantes ne peuvent plus être tenues pour sûres. Signalez-le au
            responsable de la sécurité.
          </p>
        </Notice>
      )}
      <SearchBar
        id="filtre-sujet"
        name="sujet"
        label="Filtrer par sujet (par exemple user:12)"
        placeholder="Sujet, par exemple user:12"
        defaultValue={sujet}
        button="Filtrer"
      />
      <p role="status">
        {total === 0
          ? sujet
            ? `Aucune entrée au sujet de « ${sujet} ».`
            : "Le journal est vide."
          : `${plural(total, "entrée")}${sujet ? ` au sujet de « ${sujet} »` : ""}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
        {sujet ? (
          <>
            {" "}
            <Link to="/admin/journal">Voir tout le journal</Link>
          </>
        ) : null}
      </p>
      {items.length > 0 ? (
        <DataTable
          caption="Entrées du journal, de la plus récente à la plus ancienne"
          headers={["N°", "Date", "Auteur", "Action", "Sujet", "Détails"]}
          rows={items.map((entry) => ({ key: entry.key, cells: entryCells(entry) }))}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Pages du journal" />
    </>
  );
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function entryCells(entry: Entry) {
  return [
    entry.number,
    entry.at,
    entry.actorId ? <Link to={`/admin/utilisateurs/${entry.actorId}`}>{entry.actorEmail ?? `user:${entry.actorId}`}</Link> : "Système",
    <>
      {entry.actionLabel}
      {entry.actionLabel !== entry.action ? (
        <>
          <br />
          <code className="fr-text--xs">{entry.action}</code>
        </>
      ) : null}
    </>,
    entry.subject ? (
      <>
        <Link to={`/admin/journal?sujet=${encodeURIComponent(entry.subject)}`}>{entry.subject}</Link>
        {entry.userId ? (
          <>
            <br />
            <Link className="fr-text--xs" to={`/admin/utilisateurs/${entry.userId}`}>
              fiche<span className="fr-sr-only"> de {entry.subject}</span>
            </Link>
          </>
        ) : null}
      </>
    ) : (
      "—"
    ),
    entry.data.length ? (
      <span className="fr-text--xs" style={{ overflowWrap: "anywhere" }}>
        {entry.data.map((line, i) => (
          <span key={i} style={{ display: "block" }}>
            {line}
          </span>
        ))}
      </span>
    ) : (
      "—"
    ),
  ];
}
