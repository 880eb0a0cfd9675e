import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { phaseLabels } from "~/contest/phase";
import { timeLeft } from "~/contest/time-left";
import { withDomainErrors } from "~/http/answers.server";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { reviewStatusLabels } from "~/jury/review-schemas";
import { jurySpace } from "~/jury/reviews.server";
import { DataTable } from "~/ui/data-table";
import { Notice } from "~/ui/form";
import { Page } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace du jury") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "juror" });
  const at = now();
  const contests = await jurySpace(user.id, at);
  return {
    name: user.name,
    contests: contests.map((c) => ({
      id: c.id,
      title: c.title,
      phase: c.phase,
      reviewOpenAt: c.calendar.reviewOpenAt,
      reviewCloseAt: c.calendar.reviewCloseAt,
      left: c.phase === "review" ? timeLeft(at, c.calendar.reviewCloseAt) : null,
      tiesDeclared: c.tiesDeclaredAt !== null,
      entries: c.entries.map((e) => ({ id: e.id, label: e.label, title: e.title, state: e.state })),
      submitted: c.submitted,
    })),
  };
});

const badges = { not_started: "fr-badge--new", in_progress: "fr-badge--info", submitted: "fr-badge--success" } as const;

export default function JurySpace() {
  const { name, contests } = useLoaderData<typeof loader>();
  return (
    <Page title="Espace du jury" lead={`Bienvenue, ${name}.`}>
      <SuccessNotice
        notices={{
          conflit:
            "Votre déclaration de conflit d'intérêts est enregistrée : l'entrée a été retirée de votre liste ; le gestionnaire du programme en est informé.",
        }}
      />
      <p>
        <Link className="fr-link fr-icon-user-setting-line fr-link--icon-left" to="/jury/liens">
          Mes liens d'intérêts
        </Link>
      </p>
      {contests.length === 0 ? (
        <Notice kind="info" title="Aucune entrée pour le moment">
          <p>Vous n'êtes membre du jury d'aucun concours pour le moment. Vous serez prévenu par courriel dès qu'un concours vous sera ouvert.</p>
        </Notice>
      ) : null}
      {contests.map((contest) => (
        <section className="fr-mt-6w" key={contest.id} aria-labelledby={`concours-${contest.id}`}>
          <h2 id={`concours-${contest.id}`}>{contest.title}</h2>
          <p>
            Phase : <strong>{phaseLabels[contest.phase]}</strong>.{" "}
            {contest.phase === "review" ? (
              <>
                Vous pouvez évaluer et modifier vos évaluations jusqu'au <strong>{formatParis(new Date(contest.reviewCloseAt))}</strong>{" "}
                {`(heure de Paris)${contest.left ? `, soit encore ${contest.left}` : ""}.`}
              </>
            ) : contest.phase === "deliberation" || contest.phase === "results_published" ? (
              <>
                L'évaluation est close depuis le {formatParis(new Date(contest.reviewCloseAt))} (heure de Paris) ; vos évaluations restent
                consultables.
              </>
            ) : (
              <>
                L'évaluation se déroulera du {formatParis(new Date(contest.reviewOpenAt))} au {formatParis(new Date(contest.reviewCloseAt))} (heure de
                Paris).
              </>
            )}
          </p>
          {!contest.tiesDeclared ? (
            <Notice kind="warning" title="Déclarez vos liens d'intérêts">
              <p>
                Avant d'évaluer, indiquez les organisations, domaines de courriel et personnes avec lesquels vous avez des liens, ou confirmez que
                vous n'en avez aucun : <Link to={`/jury/liens#liens-${contest.id}`}>déclarer mes liens pour ce concours</Link>.
              </p>
            </Notice>
          ) : null}
          <p>
            <strong>{`${contest.submitted} / ${contest.entries.length}`}</strong>{" "}
            {`${contest.entries.length > 1 ? "évaluations soumises" : "évaluation soumise"}.`}
          </p>
          {contest.entries.length === 0 ? (
            <p>Aucune entrée ne vous est attribuée pour le moment.</p>
          ) : (
            <DataTable
              multiline={false}
              caption={`Entrées qui vous sont attribuées — ${contest.title}`}
              headers={["Entrée", "Kit", "Évaluation"]}
              rows={contest.entries.map((entry) => ({
                key: entry.id,
                cells: [
                  <Link key="entry" to={`/jury/entrees/${entry.id}`}>
                    {entry.label}
                  </Link>,
                  entry.title,
                  <span key="state" className={`fr-badge fr-badge--no-icon ${badges[entry.state]}`}>
                    {reviewStatusLabels[entry.state]}
                  </span>,
                ],
              }))}
            />
          )}
        </section>
      ))}
    </Page>
  );
}
