import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { recordId, requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { readFormData } from "~/infra/forms";
import { fileKinds } from "~/media/media";
import { receiveFirstFile } from "~/media/multipart.server";
import { failedUpload, type FailedUpload } from "~/media/upload-failure.server";
import { uploadFailures, uploadNotices } from "~/media/upload-outcomes";
import { receiveUpload, removeFile } from "~/submissions/proposal-files.server";

// Uploads and removals of a proposal's files. The page's script posts here with XMLHttpRequest
// (to show progress) and reads JSON; without JavaScript the form posts and comes back to the page.

const kindParam = z.enum(fileKinds);
const removal = z.object({ fileId: recordId });

export const loader = /* @__PURE__ */ withDomainErrors(async ({ params }: LoaderFunctionArgs) => {
  return redirect(`/candidat/propositions/${requireRecordId(params.id, "Proposition introuvable.")}`);
});

function isMultipart(request: Request) {
  return /^multipart\//i.test(request.headers.get("Content-Type") ?? "");
}

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request, { role: "designer" });
  const proposalId = requireRecordId(params.id, "Proposition introuvable.");
  const page = `/candidat/propositions/${proposalId}`;
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  const succeeded = (status: number, key: keyof typeof uploadNotices) =>
    wantsJson ? Response.json({ ok: true, message: uploadNotices[key] }, { status }) : redirectWithNotice(`${page}#fichiers`, key);
  const failed = ({ status, key, message }: FailedUpload) =>
    wantsJson ? Response.json({ ok: false, message }, { status }) : redirect(`${page}?fichiers=${key}#fichiers`);

  try {
    if (!isMultipart(request)) {
      const form = removal.safeParse(Object.fromEntries(await readFormData(request)));
      if (!form.success) return failed({ status: 400, key: "introuvable", message: uploadFailures.introuvable });
      await removeFile({ proposalId, ownerId: user.id, fileId: form.data.fileId, now: now() });
      return succeeded(200, "retire");
    }
    const kind = kindParam.safeParse(new URL(request.url).searchParams.get("nature"));
    if (!kind.success) return failed({ status: 400, key: "nature", message: uploadFailures.nature });
    const file = await receiveFirstFile(request, "fichier", (part) =>
      receiveUpload({
        proposalId,
        ownerId: user.id,
        kind: kind.data,
        filename: part.filename,
        declaredType: part.mimeType,
        stream: part.stream,
        now: now(),
      }),
    );
    if (!file) return failed({ status: 400, key: "vide", message: uploadFailures.vide });
    return succeeded(201, kind.data);
  } catch (error) {
    const failure = failedUpload(error);
    if (!failure) throw error;
    return failed(failure);
  }
});
