import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { fileResponse } from "~/http/file-response.server";
import { requireRecordId } from "~/http/params";
import { openStructureDocument } from "~/structures/structure-files.server";

/** The cleaned copy of a structure's supporting document, for its members, admins and its département's instructors. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const file = await openStructureDocument({
    structureId: requireRecordId(params.id, "Pièce justificative introuvable."),
    readerId: user.id,
    fileId: requireRecordId(params.fileId, "Pièce justificative introuvable."),
    variant: "clean",
  });
  return fileResponse(request, file);
});
