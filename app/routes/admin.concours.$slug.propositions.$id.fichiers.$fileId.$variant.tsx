import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { findContestBySlug } from "~/contest/contests.server";
import { MediaFileNotFound } from "~/media/media";
import { fileResponse } from "~/http/file-response.server";
import { findProposalForAdmin } from "~/submissions/administration.server";
import { openProcessedFile } from "~/submissions/proposal-files.server";

const params = z.object({
  slug: z.string(),
  id: recordId,
  fileId: recordId,
  variant: z.enum(["large", "medium", "thumbnail", "clean"]),
});

/** A processed copy of a proposal's file, for admins (never the original upload). */
export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const parsed = params.safeParse(raw);
  if (!parsed.success) notFound("Fichier introuvable");
  const contest = await findContestBySlug(parsed.data.slug);
  const proposal = contest ? await findProposalForAdmin(parsed.data.id, contest.id) : null;
  if (!proposal) notFound("Fichier introuvable");
  try {
    return fileResponse(request, await openProcessedFile({ fileId: parsed.data.fileId, variant: parsed.data.variant, proposalId: proposal.id }));
  } catch (error) {
    if (error instanceof MediaFileNotFound) notFound("Fichier introuvable");
    throw error;
  }
}
