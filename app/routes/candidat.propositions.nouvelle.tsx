import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { now } from "~/infra/clock.server";
import { createProposalInCurrentContest, JurorCannotApply, ProposalLocked } from "~/submissions/proposals.server";

// Creating a proposal is a POST from /candidat; a GET here just goes back there.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "designer" });
  return redirect("/candidat");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "designer" });
  try {
    const id = await createProposalInCurrentContest({ ownerId: user.id, now: now() });
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
