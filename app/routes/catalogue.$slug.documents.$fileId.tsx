import type { LoaderFunctionArgs } from "@remix-run/node";
import { openKitDocument } from "~/catalogue/catalogue.server";
import { withDomainErrors } from "~/http/answers.server";
import { fileResponse } from "~/http/file-response.server";
import { requireRecordId } from "~/http/params";

/** An open plan or document of a catalogue kit, for everyone: the cleaned PDF frozen in the kit's version, as an attachment. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const fileId = requireRecordId(params.fileId, "Document introuvable.");
  return fileResponse(request, await openKitDocument({ slug: params.slug, fileId }));
});
