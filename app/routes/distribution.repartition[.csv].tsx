import { publishedSplit } from "~/envelope/campaigns.server";
import { splitCsv } from "~/envelope/split-file";
import { withDomainErrors } from "~/http/answers.server";

// Public: anyone may recompute the split from this file (issue 9, « The envelope »).
export const loader = /* @__PURE__ */ withDomainErrors(async () => {
  const { campaign, allocations } = await publishedSplit();
  return new Response(splitCsv(campaign, allocations), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="repartition-enveloppe.csv"`,
      // Moves change today's caps: always asked again, never stale.
      "Cache-Control": "no-cache",
    },
  });
});
