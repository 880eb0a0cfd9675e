import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/accounts/permissions.server";
import { departementAccount } from "~/envelope/campaigns.server";
import type { LedgerKind } from "~/envelope/ledger.server";
import { withDomainErrors } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { formatDateTime } from "~/infra/paris-time";
import { pageNumber } from "~/infra/paging";
import { formatEuros } from "~/money/euros";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(data ? `${data.allocation.departementName} (${data.allocation.departementCode})` : "Département", "Enveloppe", "Administration"),
  },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const { page } = readQuery(request, z.object({ page: pageNumber }));
  return departementAccount(params.code ?? "", page);
});

const kinds: Record<LedgerKind, string> = {
  allocation: "Répartition initiale",
  move: "Mouvement",
  reservation: "Réservation",
  commitment: "Engagement",
  release: "Libération",
  spending: "Dépense",
};

const delta = (cents: number) => (cents === 0 ? "" : `${cents > 0 ? "+" : "−"}${formatEuros(Math.abs(cents))}`);

export default function DepartementAccount() {
  const { campaign, allocation: a, ledger } = useLoaderData<typeof loader>();
  const used = a.reservedCents + a.committedCents + a.spentCents;
  return (
    <>
      <BackLink to="/admin/enveloppe">Enveloppe</BackLink>
      <h1>
        {a.departementName} ({a.departementCode})
      </h1>
      <p>
        Allocation du département dans la campagne « {campaign.name} ». Part initiale : {formatEuros(a.initialCapCents)}
        {a.atFloor ? ", relevée au plancher" : ""}.
      </p>
      <ul>
        <li>Plafond : {formatEuros(a.capCents)}</li>
        <li>Réservé : {formatEuros(a.reservedCents)}</li>
        <li>Engagé : {formatEuros(a.committedCents)}</li>
        <li>Dépensé : {formatEuros(a.spentCents)}</li>
        <li>Disponible : {formatEuros(a.capCents - used)}</li>
      </ul>

      <h2 className="fr-mt-4w">Grand livre du département</h2>
      <p>{plural(ledger.total, "écriture")}, de la plus récente à la plus ancienne.</p>
      <DataTable
        caption={`Écritures du grand livre pour ${a.departementName}, page ${ledger.page} sur ${ledger.pageCount}`}
        hideCaption
        headers={["Date (heure de Paris)", "Nature", "Plafond", "Réservé", "Engagé", "Dépensé", "Raison", "Par"]}
        rows={ledger.items.map((entry) => ({
          key: entry.id,
          cells: [
            formatDateTime(entry.at),
            entry.kind === "move"
              ? `${kinds.move} ${entry.capDelta < 0 ? "vers" : "depuis"} ${entry.counterpart ?? "la réserve nationale"}`
              : kinds[entry.kind],
            delta(entry.capDelta),
            delta(entry.reservedDelta),
            delta(entry.committedDelta),
            delta(entry.spentDelta),
            entry.reason ?? "",
            entry.actorName ?? "",
          ],
        }))}
      />
      <Pagination page={ledger.page} pageCount={ledger.pageCount} label="Pages du grand livre" />
    </>
  );
}
