import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { MediaFileNotFound } from "~/media/media";
import { fileResponse } from "~/http/file-response.server";
import { openFileForOwner } from "~/submissions/proposal-files.server";
import { ProposalNotFound } from "~/submissions/proposals.server";

const params = z.object({
  id: recordId,
  fileId: recordId,
  variant: z.enum(["large", "medium", "thumbnail", "clean"]),
});

/** A processed copy of one of the designer's own files (never the original upload). */
export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "designer" });
  const parsed = params.safeParse(raw);
  if (!parsed.success) notFound("Fichier introuvable");
  try {
    const file = await openFileForOwner({ proposalId: parsed.data.id, ownerId: user.id, fileId: parsed.data.fileId, variant: parsed.data.variant });
    return fileResponse(request, file);
  } catch (error) {
    if (error instanceof ProposalNotFound || error instanceof MediaFileNotFound) notFound("Fichier introuvable");
    throw error;
  }
}

