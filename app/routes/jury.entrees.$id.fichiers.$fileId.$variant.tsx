import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { requireRecordId } from "~/http/params";
import { NotFound } from "~/infra/domain-errors";
import { openEntryFile } from "~/jury/reviews.server";
import { fileResponse } from "~/http/file-response.server";

const variants = ["large", "medium", "thumbnail", "clean"] as const;
const isVariant = (value: string | undefined): value is (typeof variants)[number] => (variants as readonly (string | undefined)[]).includes(value);

/**
 * A processed copy of a file of an entry assigned to the juror (never the original upload), under
 * a neutral name: the display name given at upload may carry the candidate's.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "juror" });
  const proposalId = requireRecordId(params.id, "Fichier introuvable.");
  const fileId = requireRecordId(params.fileId, "Fichier introuvable.");
  if (!isVariant(params.variant)) throw new NotFound("Fichier introuvable.");
  const file = await openEntryFile({ proposalId, jurorId: user.id, fileId, variant: params.variant });
  return fileResponse(request, file);
});
