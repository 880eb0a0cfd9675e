import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import type { SubmittedForm } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { Refused } from "~/infra/domain-errors";
import { reachOf } from "../verification";
import { rejectStructure, requestInformation, reviewQueue, structureForReview, verifyStructure } from "../verification.server";
import { queueQuerySchema, rejectSchema, requestSchema, verifySchema } from "../verification-schemas";
import type { ReviewSpace } from "./spaces";

// The HTTP part of the review screens, the same for the admin's and the instructors' routes, which
// only name their space: who may enter (the space's role) and how far their decisions reach.

async function reviewerIn(request: Request, space: ReviewSpace) {
  const user = await requireUser(request, { role: space.role });
  return { id: user.id, reach: reachOf(user.memberships, space.key) };
}

const STRUCTURE_NOT_FOUND = "Structure introuvable.";

export async function queuePage({ request }: LoaderFunctionArgs, space: ReviewSpace) {
  const { reach } = await reviewerIn(request, space);
  const filters = readQuery(request, queueQuerySchema);
  const queue = await reviewQueue({
    reach,
    departement: filters.departement,
    status: filters.statut,
    search: filters.recherche,
    page: filters.page,
  });
  return { filters, ...queue };
}

export async function structurePage({ request, params }: LoaderFunctionArgs, space: ReviewSpace) {
  const { reach } = await reviewerIn(request, space);
  return structureForReview({ structureId: requireRecordId(params.id, STRUCTURE_NOT_FOUND), reach });
}

/** The reviewer's decision (the button pressed: `intent`), then back to the queue with its notice. */
export async function decisionAction({ request, params, form }: ActionFunctionArgs & { form: SubmittedForm }, space: ReviewSpace) {
  const reviewer = await reviewerIn(request, space);
  const structureId = requireRecordId(params.id, STRUCTURE_NOT_FOUND);
  const decision = { structureId, reviewer, now: now() };
  const intent = await form.intent();
  let done;
  if (intent === "verify") {
    done = await verifyStructure({ ...decision, ...(await form.parse(verifySchema)) });
  } else if (intent === "reject") {
    done = await rejectStructure({ ...decision, ...(await form.parse(rejectSchema)) });
  } else if (intent === "request") {
    done = await requestInformation({ ...decision, ...(await form.parse(requestSchema)) });
  } else {
    throw new Refused("Choisissez une décision : vérifier, demander des informations ou refuser.");
  }
  return redirectWithNotice(space.queuePath, done.status, { structure: done.legalName });
}
