import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { requireContestBySlug } from "~/contest/contests.server";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { withDomainErrors } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { listProposalsForAdmin } from "~/submissions/administration.server";
import { proposalFiltersSchema } from "~/submissions/filters";
import { proposalStatuses, statusLabels } from "~/submissions/statuses";
import { DataTable } from "~/ui/data-table";
import { Select } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Propositions", data?.contest.title ?? "Concours", "Administration") },
];

// Pure: the browser bundle then drops the server half (esbuild keeps top-level calls otherwise).
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await requireContestBySlug(params.slug);
  const rows = await listProposalsForAdmin(contest.id, readQuery(request, proposalFiltersSchema));
  return {
    contest: { slug: contest.slug, title: contest.title, themes: contest.themes, audiences: contest.audiences },
    phase: contestPhase(contest.calendar, now()),
    proposals: rows.map((row) => ({
      id: row.id,
      title: row.title || "(sans titre)",
      status: row.status,
      version: row.currentVersion,
      owner: row.ownerName,
      receiptNumber: row.receiptNumber,
    })),
  };
});

export default function AdminProposals() {
  const { contest, phase, proposals } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <>
      <h1>Propositions</h1>
      <p>
        <Link to={`/admin/concours/${contest.slug}`}>{contest.title}</Link> — phase : {phaseLabels[phase]}
      </p>
      <FilterForm label="Filtrer les propositions" className="fr-mb-4w" buttonColumn="fr-col-12 fr-col-md-3">
        <FilterSelect label="Statut" name="statut" options={proposalStatuses.map((s) => ({ value: s, label: statusLabels[s] }))} />
        <FilterSelect label="Thème" name="theme" options={contest.themes.map((t) => ({ value: t, label: t }))} />
        <FilterSelect label="Public" name="public" options={contest.audiences.map((a) => ({ value: a, label: a }))} />
      </FilterForm>
      <p>
        <a
          className="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/admin/concours/${contest.slug}/propositions.csv?${search.toString()}`}
          download
        >
          Exporter ces propositions (CSV)
        </a>
      </p>
      {proposals.length === 0 ? (
        <p>Aucune proposition ne correspond.</p>
      ) : (
        <DataTable
          caption={plural(proposals.length, "proposition")}
          headers={["N°", "Titre", "Candidat", "Statut", "Version", "Récépissé"]}
          rows={proposals.map((p) => ({
            key: p.id,
            cells: [
              p.id,
              <Link key="title" to={`/admin/concours/${contest.slug}/propositions/${p.id}`}>
                {p.title}
              </Link>,
              p.owner,
              statusLabels[p.status],
              p.version || "—",
              p.receiptNumber ?? "—",
            ],
          }))}
        />
      )}
    </>
  );
}

/** One filter of the list, in a quarter of the row; it shows the value the query string holds. */
function FilterSelect({ label, name, options }: { label: string; name: string; options: readonly { value: string; label: string }[] }) {
  const [search] = useSearchParams();
  return (
    <div className="fr-col-12 fr-col-md-3">
      <Select label={label} name={name} defaultValue={search.get(name) ?? ""} placeholder="Tous" options={options} />
    </div>
  );
}
