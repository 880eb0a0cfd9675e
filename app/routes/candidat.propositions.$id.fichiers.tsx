import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readFormData } from "~/infra/forms";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { BlobStoreUnavailable } from "~/infra/blobs/blob-store";
import { now } from "~/infra/clock.server";
import { MediaFileNotFound, UploadRefused, fileKinds } from "~/media/media";
import { MalformedUpload, NotMultipart, receiveFirstFile, TooManyFiles } from "~/media/multipart.server";
import { uploadOutcomes, type UploadOutcome } from "~/media/upload-outcomes";
import { receiveUpload, removeFile } from "~/submissions/proposal-files.server";
import { ProposalLocked, ProposalNotFound } from "~/submissions/proposals.server";

// Uploads and removals of a proposal's files. The page's script posts here with XMLHttpRequest
// (to show progress) and reads JSON; without JavaScript the form posts and comes back to the page.

const kindParam = z.enum(fileKinds);
const removal = z.object({ fileId: recordId });

export async function loader({ params }: LoaderFunctionArgs) {
  const proposalId = recordId.safeParse(params.id);
  if (!proposalId.success) notFound("Proposition introuvable");
  return redirect(`/candidat/propositions/${proposalId.data}`);
}

function isMultipart(request: Request) {
  return /^multipart\//i.test(request.headers.get("Content-Type") ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "designer" });
  const proposalId = recordId.safeParse(params.id);
  if (!proposalId.success) notFound("Proposition introuvable");
  const page = `/candidat/propositions/${proposalId.data}`;
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  // Without JavaScript the page shows the outcome from a code in its address (never free text,
  // so a crafted link cannot make the portal display a message of someone else's choosing).
  const answer = (status: number, body: { ok: boolean; message: string; code: UploadOutcome }) =>
    wantsJson ? Response.json({ ok: body.ok, message: body.message }, { status }) : redirect(`${page}?fichiers=${body.code}#fichiers`);

  try {
    if (!isMultipart(request)) {
      const form = removal.safeParse(Object.fromEntries(await readFormData(request)));
      if (!form.success) return answer(400, { ok: false, message: "Fichier introuvable.", code: "introuvable" });
      await removeFile({ proposalId: proposalId.data, ownerId: user.id, fileId: form.data.fileId, now: now() });
      return answer(200, { ok: true, message: uploadOutcomes.retire, code: "retire" });
    }
    const kind = kindParam.safeParse(new URL(request.url).searchParams.get("nature"));
    if (!kind.success) return answer(400, { ok: false, message: uploadOutcomes.nature, code: "nature" });
    const file = await receiveFirstFile(request, "fichier", (part) =>
      receiveUpload({
        proposalId: proposalId.data,
        ownerId: user.id,
        kind: kind.data,
        filename: part.filename,
        declaredType: part.mimeType,
        stream: part.stream,
        now: now(),
      }),
    );
    if (!file) return answer(400, { ok: false, message: uploadOutcomes.vide, code: "vide" });
    const code = kind.data === "photo" ? "photo" : "document";
    return answer(201, { ok: true, message: uploadOutcomes[code], code });
  } catch (error) {
    if (error instanceof UploadRefused) return answer(400, { ok: false, message: error.message, code: `refus-${error.code}` as UploadOutcome });
    if (error instanceof ProposalLocked) return answer(409, { ok: false, message: error.message, code: "ferme" });
    if (error instanceof TooManyFiles) return answer(400, { ok: false, message: uploadOutcomes.plusieurs, code: "plusieurs" });
    if (error instanceof MalformedUpload || error instanceof NotMultipart) return answer(400, { ok: false, message: uploadOutcomes.malforme, code: "malforme" });
    if (error instanceof BlobStoreUnavailable) return answer(503, { ok: false, message: error.message, code: "stockage" });
    if (error instanceof ProposalNotFound || error instanceof MediaFileNotFound) notFound("Proposition introuvable");
    throw error;
  }
}
