import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { openExport } from "~/exports/exports.server";
import { withDomainErrors } from "~/http/answers.server";
import { fileResponse } from "~/http/file-response.server";
import { requireRecordId } from "~/http/params";

// Only the person who asked for the export, or an admin, gets the file (openExport decides).
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  return fileResponse(request, await openExport(requireRecordId(params.id, "Export introuvable."), user));
});
