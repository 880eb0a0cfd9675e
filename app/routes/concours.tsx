import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { currentPublicContest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { RulesText } from "~/contest/rules-text";
import { timeLeft } from "~/contest/time-left";
import { weightShares } from "~/contest/weights";
import { now } from "~/infra/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.contest?.title ?? "Le concours"} — Kits d'inclusion numérique` },
  { name: "description", content: "Le concours d'innovation des kits d'inclusion numérique : ce qui est demandé, le calendrier, les critères et le règlement." },
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
        Des kits prêts à l'emploi qui aident les personnes éloignées du numérique à en apprendre les usages du quotidien, que
        des structures de proximité pourront commander. Thèmes : {contest.themes.join(", ")}. Publics : {contest.audiences.join(", ")}.
      </p>

      <h2>Calendrier</h2>
      <div className="fr-table">
        <table>
          <caption className="fr-sr-only">Calendrier du concours, heure de Paris</caption>
          <thead>
            <tr>
              <th scope="col">Étape</th>
              <th scope="col">Date (heure de Paris)</th>
            </tr>
          </thead>
          <tbody>
            {calendar.map(([label, at]) => (
              <tr key={label}>
                <td>{label}</td>
                <td>{formatParis(new Date(at))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Critères d'évaluation</h2>
      <div className="fr-table">
        <table>
          <caption className="fr-sr-only">Critères et leur part dans la note finale</caption>
          <thead>
            <tr>
              <th scope="col">Critère</th>
              <th scope="col">Ce qui est regardé</th>
              <th scope="col">Part dans la note</th>
            </tr>
          </thead>
          <tbody>
            {contest.criteria.map((criterion, i) => (
              <tr key={criterion.id}>
                <td>{criterion.label}</td>
                <td>{criterion.description}</td>
                <td>{`${shares[i]} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Règlement</h2>
      {contest.rules ? <RulesText text={contest.rules} /> : <p>Le règlement sera publié prochainement.</p>}
    </div>
  );
}
