import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { currentPublicContest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase } from "~/contest/phase";
import { timeLeft } from "~/contest/time-left";
import { now } from "~/infra/clock.server";
import { listProposalsOfOwner } from "~/submissions/proposals.server";
import { statusLabels } from "~/submissions/statuses";
import { Notice } from "~/ui/form";
import { Page } from "~/ui/layout";

export const meta: MetaFunction = () => [{ title: "Espace candidat — Kits d'inclusion numérique" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "designer" });
  const at = now();
  const contest = await currentPublicContest(at);
  const open = contest ? contestPhase(contest.calendar, at) === "submissions_open" : false;
  return {
    name: user.name,
    proposals: await listProposalsOfOwner(user.id),
    contest: contest ? { title: contest.title, closesAt: contest.calendar.submissionsCloseAt, open, left: open ? timeLeft(at, contest.calendar.submissionsCloseAt) : null } : null,
  };
}

export default function DesignerSpace() {
  const { name, proposals, contest } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <Page title="Espace candidat" lead={`Bienvenue, ${name}. Vous concevez un kit d'inclusion numérique pour le concours d'innovation.`}>
      {search.get("ferme") ? <Notice kind="warning" title="Les candidatures ne sont pas ouvertes : aucune proposition ne peut être créée." /> : null}
      {search.get("jure") ? <Notice kind="warning" title="Vous êtes membre du jury de ce concours : vous ne pouvez pas y déposer de proposition." /> : null}
      {contest?.open ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">{contest.title}</h2>
          <p className="fr-callout__text">
            Les candidatures sont ouvertes jusqu'au {formatParis(new Date(contest.closesAt))} (heure de Paris){contest.left ? `, soit encore ${contest.left}` : ""}.
          </p>
          <Form method="post" action="/candidat/propositions/nouvelle">
            <button className="fr-btn fr-icon-add-line fr-btn--icon-left" type="submit">
              Nouvelle proposition
            </button>
          </Form>
        </div>
      ) : (
        <Notice kind="info" title="Aucun dépôt de candidature n'est ouvert en ce moment">
          <p>
            Consultez <Link to="/concours">la page du concours</Link> pour connaître le calendrier.
          </p>
        </Notice>
      )}
      <h2>Mes propositions</h2>
      {proposals.length === 0 ? (
        <p>Vous n'avez pas encore de proposition.</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">Mes propositions et leur statut</caption>
            <thead>
              <tr>
                <th scope="col">Proposition</th>
                <th scope="col">Concours</th>
                <th scope="col">Statut</th>
                <th scope="col">Version déposée</th>
                <th scope="col">Mise à jour</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/candidat/propositions/${p.id}`}>{p.title || "(sans titre)"}</Link>
                    {p.status === "ineligible" && p.ineligibilityReason ? <p className="fr-text--sm fr-mb-0">Motif : {p.ineligibilityReason}</p> : null}
                  </td>
                  <td>{p.contestTitle}</td>
                  <td>{statusLabels[p.status]}</td>
                  <td>{p.currentVersion || "—"}</td>
                  <td>{formatParis(new Date(p.updatedAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
