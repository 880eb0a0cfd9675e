import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { fileResponse } from "~/http/file-response.server";
import { requireRecordId } from "~/http/params";
import { requireVariant } from "~/media/media";
import { findContestProposal } from "~/submissions/administration.server";
import { openProcessedFile } from "~/submissions/proposal-files.server";

/** A processed copy of a proposal's file, for admins (never the original upload). */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const { proposal } = await findContestProposal(params.slug, requireRecordId(params.id, "Fichier introuvable."));
  const file = await openProcessedFile({
    fileId: requireRecordId(params.fileId, "Fichier introuvable."),
    variant: requireVariant(params.variant),
    proposalId: proposal.id,
  });
  return fileResponse(request, file);
});
