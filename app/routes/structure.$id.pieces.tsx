import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { recordId, requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { Refused } from "~/infra/domain-errors";
import { readFormData } from "~/infra/forms";
import { receiveFirstFile } from "~/media/multipart.server";
import { receiveStructureDocument, removeStructureDocument } from "~/structures/structure-files.server";

// Uploads and removals of a structure's supporting documents, posted by the forms of /structure
// (without JavaScript): back to the space with a notice; a refusal is its 4xx page with the reason.

const removal = z.object({ fileId: recordId });

export const loader = /* @__PURE__ */ withDomainErrors(async ({ params }: LoaderFunctionArgs) => {
  requireRecordId(params.id, "Structure introuvable.");
  return redirect("/structure");
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request, { role: "structure" });
  const structureId = requireRecordId(params.id, "Structure introuvable.");
  const back = `/structure#pieces-${structureId}`;
  if (!/^multipart\//i.test(request.headers.get("Content-Type") ?? "")) {
    const form = removal.safeParse(Object.fromEntries(await readFormData(request)));
    if (!form.success) throw new Refused("Pièce justificative introuvable.", "fileId");
    await removeStructureDocument({ structureId, memberId: user.id, fileId: form.data.fileId, now: now() });
    return redirectWithNotice(back, "piece-retiree");
  }
  const file = await receiveFirstFile(request, "fichier", (part) =>
    receiveStructureDocument({
      structureId,
      memberId: user.id,
      filename: part.filename,
      declaredType: part.mimeType,
      stream: part.stream,
      now: now(),
    }),
  );
  if (!file) throw new Refused("Choisissez un fichier PDF à envoyer.", "fichier");
  return redirectWithNotice(back, "piece-recue");
});
