import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { currentPublicContest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { RulesText } from "~/contest/rules-text";
import { timeLeft } from "~/contest/time-left";
import { weightShares } from "~/contest/weights";
import { now } from "~/infra/clock.server";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.contest?.title ?? "Le concours") },
  {
    name: "description",
    content: "Le concours d'innovation des kits d'inclusion numérique : ce qui est demandé, le calendrier, les critères et le règlement.",
  },
];

export async function loader(_: LoaderFunctionArgs) {
  const at = now();
  const contest = await currentPublicContest(at);
  if (!contest) return { contest: null, phase: null, left: null, now: at };
  const phase = contestPhase(contest.calendar, at);
  return { contest, phase, left: phase === "submissions_open" ? timeLeft(at, contest.calendar.submissionsCloseAt) : null, now: at };
}

export default function ContestPage() {
  const { contest, phase, left } = useLoaderData<typeof loader>();
  if (!contest || !phase) {
    return (
      <div className="fr-container fr-my-6w">
        <h1>Le concours</h1>
        <p className="fr-text--lead">Aucun concours n'est ouvert pour le moment. Revenez bientôt.</p>
      </div>
    );
  }
  const shares = weightShares(contest.criteria.map((c) => c.weight));
  const calendar = [
    ["Ouverture des candidatures", contest.calendar.submissionsOpenAt],
    ["Clôture des candidatures", contest.calendar.submissionsCloseAt],
    ["Évaluation par le jury", contest.calendar.reviewOpenAt],
    ["Fin de l'évaluation", contest.calendar.reviewCloseAt],
    ["Publication des résultats", contest.calendar.resultsAt],
  ] as const;
  return (
    <div className="fr-container fr-my-6w">
      <h1>{contest.title}</h1>
      <p>
        <span className="fr-badge fr-badge--info fr-badge--no-icon">{phaseLabels[phase]}</span>
      </p>
      {phase === "submissions_open" ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Les candidatures sont ouvertes</h2>
          <p className="fr-callout__text">
            Clôture le {formatParis(new Date(contest.calendar.submissionsCloseAt))} (heure de Paris){left ? ` : il reste ${left}.` : "."}
          </p>
          <Link className="fr-btn" to="/candidat">
            Déposer une proposition
          </Link>
        </div>
      ) : null}

      <h2>Ce qui est demandé</h2>
      <p>
        Des kits prêts à l'emploi qui aident les personnes éloignées du numérique à en apprendre les usages du quotidien, que des structures de
        proximité pourront commander. Thèmes : {contest.themes.join(", ")}. Publics : {contest.audiences.join(", ")}.
      </p>

      <h2>Calendrier</h2>
      <DataTable
        caption="Calendrier du concours, heure de Paris"
        hideCaption
        headers={["Étape", "Date (heure de Paris)"]}
        rows={calendar.map(([label, at]) => ({ key: String(label), cells: [label, formatParis(new Date(at))] }))}
      />

      <h2>Critères d'évaluation</h2>
      <DataTable
        caption="Critères et leur part dans la note finale"
        hideCaption
        headers={["Critère", "Ce qui est regardé", "Part dans la note"]}
        rows={contest.criteria.map((criterion, i) => ({ key: criterion.id, cells: [criterion.label, criterion.description, `${shares[i]} %`] }))}
      />

      <h2>Règlement</h2>
      {contest.rules ? <RulesText text={contest.rules} /> : <p>Le règlement sera publié prochainement.</p>}
    </div>
  );
}
