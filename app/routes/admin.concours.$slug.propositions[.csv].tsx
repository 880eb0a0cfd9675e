import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { requireContestBySlug } from "~/contest/contests.server";
import { withDomainErrors } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { listProposalsForExport, proposalsCsv } from "~/submissions/administration.server";
import { proposalFiltersSchema } from "~/submissions/filters";

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await requireContestBySlug(params.slug);
  const rows = await listProposalsForExport(contest.id, readQuery(request, proposalFiltersSchema));
  return new Response(proposalsCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="propositions-${contest.slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
