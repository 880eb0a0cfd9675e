import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { requireContestBySlug } from "~/contest/contests.server";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { withDomainErrors } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { proposalPageForAdmin } from "~/submissions/administration.server";
import { proposalFiltersSchema, proposalPageSchema } from "~/submissions/filters";
import { proposalStatuses, statusLabels } from "~/submissions/statuses";
import { DataTable } from "~/ui/data-table";
import { Select } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { Field } from "~/ui/form";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Propositions", data?.contest.title ?? "Concours", "Administration") },
];

// Pure: the browser bundle then drops the server half (esbuild keeps top-level calls otherwise).
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await requireContestBySlug(params.slug);
  const { page } = readQuery(request, proposalPageSchema);
  const rows = await proposalPageForAdmin({ contestId: contest.id, filters: readQuery(request, proposalFiltersSchema), page });
  return {
    contest: { slug: contest.slug, title: contest.title, themes: contest.themes, audiences: contest.audiences },
    phase: contestPhase(contest.calendar, now()),
    total: rows.total,
    page: rows.page,
    pageCount: rows.pageCount,
    proposals: rows.items.map((row) => ({
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
  const { contest, phase, proposals, total, page, pageCount } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const exported = new URLSearchParams(search);
  exported.delete("page");
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
        <div className="fr-col-12 fr-col-md-6">
          <Field
            label="Rechercher"
            hint="Numéro, titre ou nom du candidat"
            name="recherche"
            id="filtre-recherche"
            type="search"
            maxLength={100}
            defaultValue={search.get("recherche") ?? ""}
          />
        </div>
      </FilterForm>
      <p>
        <a
          className="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/admin/concours/${contest.slug}/propositions.csv?${exported.toString()}`}
          download
        >
          Exporter ces propositions (CSV)
        </a>
      </p>
      <p role="status">
        {total === 0
          ? "Aucune proposition ne correspond."
          : `${plural(total, "proposition")}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
      </p>
      {proposals.length === 0 ? null : (
        <DataTable
          caption={`Propositions du concours${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}`}
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
      <Pagination page={page} pageCount={pageCount} label="Pages des propositions" />
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
