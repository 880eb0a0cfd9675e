import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { findContestBySlug } from "~/contest/contests.server";
import { listProposalsForAdmin, proposalsCsv } from "~/submissions/administration.server";
import { filtersFromUrl } from "~/submissions/filters";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const contest = await findContestBySlug(params.slug!);
  if (!contest) notFound("Concours introuvable");
  const rows = await listProposalsForAdmin(contest.id, filtersFromUrl(new URL(request.url)));
  return new Response(proposalsCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="propositions-${contest.slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
