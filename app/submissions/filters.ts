import { z } from "zod";
import { proposalStatuses } from "./statuses";

/** The admin list's filters, from the query string; unknown values are ignored rather than refused. */
export const proposalFiltersSchema = z.object({
  statut: z.enum(proposalStatuses).optional().catch(undefined),
  theme: z.string().trim().max(120).optional().catch(undefined),
  public: z.string().trim().max(120).optional().catch(undefined),
});

export function filtersFromUrl(url: URL) {
  const parsed = proposalFiltersSchema.parse(Object.fromEntries(url.searchParams));
  return { status: parsed.statut, theme: parsed.theme || undefined, audience: parsed.public || undefined };
}
