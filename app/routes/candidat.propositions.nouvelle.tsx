import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { startAsDesigner } from "~/accounts/designer-role.server";
import { requireUser } from "~/accounts/permissions.server";
import { now } from "~/infra/clock.server";
import { createProposalInCurrentContest, JurorCannotApply, ProposalLocked } from "~/submissions/proposals.server";

// Creating a proposal is a POST from /candidat; a GET here just goes back there. A person without
// any role may come: their first proposal makes them a designer, in its transaction.
const gate = { role: "designer", orNoRoleYet: true } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, gate);
  return redirect("/candidat");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, gate);
  try {
    const id = await startAsDesigner(user.id, (tx) => createProposalInCurrentContest({ ownerId: user.id, now: now() }, tx));
    return redirect(`/candidat/propositions/${id}`);
  } catch (error) {
    // Refusals go back to the designer's space, which says why by this key (never free text in an address).
    const refusal = refusals.get((error as object | null)?.constructor);
    if (!refusal) throw error;
    return redirect(`/candidat?refus=${refusal}`);
  }
}

const refusals = new Map<unknown, string>([
  [JurorCannotApply, "jure"],
  [ProposalLocked, "ferme"],
]);
