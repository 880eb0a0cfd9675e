import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { currentPublicContest } from "~/contest/contests.server";
import { now } from "~/infra/clock.server";
import { createProposal, JurorCannotApply, ProposalLocked } from "~/submissions/proposals.server";

// Creating a proposal is a POST from /candidat; a GET here just goes back there.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "designer" });
  return redirect("/candidat");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "designer" });
  const at = now();
  const contest = await currentPublicContest(at);
  if (!contest) return data({ error: "Aucun concours n'est ouvert pour le moment." }, { status: 409 });
  try {
    const id = await createProposal({ contestId: contest.id, ownerId: user.id, now: at });
    return redirect(`/candidat/propositions/${id}`);
  } catch (error) {
    if (error instanceof JurorCannotApply) return redirect(`/candidat?jure=1`);
    if (error instanceof ProposalLocked) return redirect(`/candidat?ferme=1`);
    throw error;
  }
}
