import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { pdfAttachment } from "~/http/file-response.server";
import { requireRecordId } from "~/http/params";
import { openStructureOrderDocument } from "~/orders/structure-orders.server";

// A delivery note or certificate of one of the person's structure's orders, as issued; anyone
// else, and any other document, is not found.
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const document = await openStructureOrderDocument({
    orderId: requireRecordId(params.orderId, "Commande introuvable."),
    documentId: requireRecordId(params.documentId, "Document introuvable."),
    userId: user.id,
  });
  return pdfAttachment(request, document);
});
