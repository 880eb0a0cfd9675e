import { type Readable } from "node:stream";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { withDomainErrors } from "~/http/answers.server";
import { recordId } from "~/http/params";
import { NotFound } from "~/infra/domain-errors";
import { MediaFileNotFound, photoVariants } from "~/media/media";
import { openLaureatePhoto } from "~/results/publication.server";

const params = z.object({
  proposalId: recordId,
  fileId: recordId,
  variant: z.enum(photoVariants),
});

/**
 * A photo of a laureate kit, for everyone: only the processed copies (re-encoded, metadata
 * stripped) of the photos in the judged version of a laureate of a published contest. Anything else
 * is 404, whether it exists or not. Copies never change, so they are cached publicly.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params: raw }: LoaderFunctionArgs) => {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw new NotFound("Photo introuvable.");
  const photo = await openLaureatePhoto({ ...parsed.data, ifNoneMatch: request.headers.get("If-None-Match") }).catch((error) => {
    // Whatever file is missing, the public is told about a photo.
    throw error instanceof MediaFileNotFound ? new NotFound("Photo introuvable.") : error;
  });
  const headers = new Headers({
    "Content-Type": "image/webp",
    "Cache-Control": "public, max-age=86400",
    "Content-Disposition": `inline; filename="kit-${parsed.data.proposalId}-photo-${parsed.data.fileId}-${parsed.data.variant}.webp"`,
    ETag: photo.etag,
  });
  if (!photo.stream) return new Response(null, { status: 304, headers });
  return new Response(createReadableStreamFromReadable(photo.stream as Readable), { status: 200, headers });
});
