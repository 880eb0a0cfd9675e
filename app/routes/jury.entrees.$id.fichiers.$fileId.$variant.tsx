import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { EntryNotFound, openEntryFile } from "~/jury/reviews.server";
import { MediaFileNotFound } from "~/media/media";
import { fileResponse } from "~/http/file-response.server";

const params = z.object({
  id: recordId,
  fileId: recordId,
  variant: z.enum(["large", "medium", "thumbnail", "clean"]),
});

/**
 * A processed copy of a file of an entry assigned to the juror (never the original upload), under
 * a neutral name: the display name given at upload may carry the candidate's.
 */
export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "juror" });
  const parsed = params.safeParse(raw);
  if (!parsed.success) notFound("Fichier introuvable");
  try {
    const file = await openEntryFile({ proposalId: parsed.data.id, jurorId: user.id, fileId: parsed.data.fileId, variant: parsed.data.variant });
    return fileResponse(request, file);
  } catch (error) {
    if (error instanceof EntryNotFound || error instanceof MediaFileNotFound) notFound("Fichier introuvable");
    throw error;
  }
}
