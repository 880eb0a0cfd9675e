import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { Refused } from "~/infra/domain-errors";
import { tieFormSchema } from "~/jury/review-schemas";
import { addTie, confirmTies, listTiesOfJuror, removeTie } from "~/jury/ties.server";
import { BackLink } from "~/ui/back-link";
import { Notice } from "~/ui/form";
import { Page } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { ContestTies } from "./contest-ties";

export const meta: MetaFunction = () => [{ title: pageTitle("Mes liens d'intérêts", "Espace du jury") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "juror" });
  const contests = await listTiesOfJuror(user.id, now());
  return {
    contests: contests.map((c) => ({
      id: c.id,
      title: c.title,
      editable: c.editable,
      tiesDeclaredAt: c.tiesDeclaredAt,
      ties: c.ties.map((t) => ({ id: t.id, kind: t.kind, label: t.label, siret: t.siret })),
    })),
  };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "juror" });
  const formData = await form.formData();
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  // A contest the juror does not sit on, or a tie that is not theirs, is not found (ties.server decides).
  const contestId = requireRecordId(text("contestId"), "Concours introuvable.");
  const page = `/jury/liens#liens-${contestId}`;
  switch (await form.intent()) {
    case "add":
      await addTie({ contestId, userId: user.id, tie: await form.parse(tieFormSchema), now: now() });
      return redirectWithNotice(page, "ajout");
    case "remove":
      await removeTie({ contestId, userId: user.id, tieId: requireRecordId(text("tieId"), "Lien introuvable."), now: now() });
      return redirectWithNotice(page, "retrait");
    case "confirm":
      await confirmTies({ contestId, userId: user.id, now: now() });
      return redirectWithNotice(page, "confirmation");
    default:
      throw new Refused("Choisissez d'ajouter un lien, d'en retirer un ou de confirmer votre déclaration.");
  }
});

const notices = {
  ajout: "Le lien est ajouté à votre déclaration.",
  retrait: "Le lien est retiré de votre déclaration.",
  confirmation: "Votre déclaration est confirmée.",
};

export default function JurorTies() {
  const { contests } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <Page
      title="Mes liens d'intérêts"
      lead="Déclarez les organisations, domaines de courriel et personnes avec lesquels vous avez des liens, pour ne jamais évaluer une proposition qui vous concerne."
    >
      <BackLink to="/jury">Espace du jury</BackLink>
      <p>
        Votre déclaration n'est lue que par les gestionnaires du programme. Les propositions avec lesquelles un lien est constaté ne vous sont pas
        attribuées ; vous n'êtes pas informé de leur existence.
      </p>
      <SuccessNotice notices={notices} />
      {contests.length === 0 ? (
        <Notice kind="info" title="Aucun concours">
          <p>Vous n'êtes membre du jury d'aucun concours pour le moment.</p>
        </Notice>
      ) : null}
      {contests.map((contest) => (
        <ContestTies key={contest.id} contest={contest} answer={answer?.values.contestId === String(contest.id) ? answer : undefined} />
      ))}
    </Page>
  );
}
