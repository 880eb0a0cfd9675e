import { z } from "zod";
import { pageNumber } from "~/infra/paging";
import { proposalStatuses } from "./statuses";

/** The admin list's filters, from the query string (readQuery); unknown values are ignored rather than refused. */
export const proposalFiltersSchema = z
  .object({
    statut: z.enum(proposalStatuses).optional().catch(undefined),
    theme: z.string().trim().max(120).optional().catch(undefined),
    public: z.string().trim().max(120).optional().catch(undefined),
    recherche: z.string().trim().max(100).optional().catch(undefined),
  })
  .transform((query) => ({
    status: query.statut,
    theme: query.theme || undefined,
    audience: query.public || undefined,
    search: query.recherche || undefined,
  }));

/** The admin list's page, beside its filters. */
export const proposalPageSchema = z.object({ page: pageNumber.default(1) });
