import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import type { SubmittedForm } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { overrideRoute, shareForOverride } from "../routing.server";
import { overrideSchema } from "../schemas";
import type { OverrideSpace } from "./spaces";

// The HTTP part of the override screen, the same for the admin's and the instructors' routes, which
// only name their space: who may enter (its role); the domain then answers "not found" for a share
// of a département the person does not instruct.

const SHARE_NOT_FOUND = "Part de commande introuvable.";

export async function overridePage({ request, params }: LoaderFunctionArgs, space: OverrideSpace) {
  const user = await requireUser(request, { role: space.role });
  return shareForOverride({ fulfilmentId: requireRecordId(params.fulfilmentId, SHARE_NOT_FOUND), actorId: user.id, now: now() });
}

export async function overrideAction({ request, params, form }: ActionFunctionArgs & { form: SubmittedForm }, space: OverrideSpace) {
  const user = await requireUser(request, { role: space.role });
  const fulfilmentId = requireRecordId(params.fulfilmentId, SHARE_NOT_FOUND);
  const input = await form.parse(overrideSchema);
  const moved = await overrideRoute({ fulfilmentId, makerId: input.makerId, reason: input.reason, actorId: user.id, now: now() });
  return redirectWithNotice(`${space.sharePath}/${moved.fulfilmentId}`, "confiee");
}
