import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { pdfAttachment } from "~/http/file-response.server";
import { requireRecordId } from "~/http/params";
import { openMakerDocument } from "~/orders/maker-shares.server";

/** A PDF of a share (its purchase order, a shipment's delivery note), as issued, for the members of its maker. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const document = await openMakerDocument({
    fulfilmentId: requireRecordId(params.fulfilmentId, "Document introuvable."),
    documentId: requireRecordId(params.documentId, "Document introuvable."),
    userId: user.id,
  });
  return pdfAttachment(request, document);
});
