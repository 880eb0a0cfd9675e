import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { fileResponse } from "~/http/file-response.server";
import { requireRecordId } from "~/http/params";
import { requireVariant } from "~/media/media";
import { openFileForOwner } from "~/submissions/proposal-files.server";

/** A processed copy of one of the designer's own files (never the original upload). */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "designer" });
  const file = await openFileForOwner({
    proposalId: requireRecordId(params.id, "Fichier introuvable."),
    ownerId: user.id,
    fileId: requireRecordId(params.fileId, "Fichier introuvable."),
    variant: requireVariant(params.variant),
  });
  return fileResponse(request, file);
});
