import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { listKitsOfOwner } from "~/catalogue/kits.server";
import { currentPublicContest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase } from "~/contest/phase";
import { timeLeft } from "~/contest/time-left";
import { now } from "~/infra/clock.server";
import { listProposalsOfOwner } from "~/submissions/proposals.server";
import { statusLabels } from "~/submissions/statuses";
import { Notice } from "~/ui/form";
import { DataTable } from "~/ui/data-table";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace candidat") }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Open before the role: whoever holds none yet becomes a designer by starting a proposal here.
  const user = await requireUser(request, { role: "designer", orNoRoleYet: true });
  const at = now();
  const contest = await currentPublicContest(at);
  const open = contest ? contestPhase(contest.calendar, at) === "submissions_open" : false;
  return {
    name: user.name,
    proposals: await listProposalsOfOwner(user.id),
    kits: await listKitsOfOwner(user.id),
    contest: contest
      ? {
          title: contest.title,
          closesAt: contest.calendar.submissionsCloseAt,
          open,
          left: open ? timeLeft(at, contest.calendar.submissionsCloseAt) : null,
        }
      : null,
  };
}

export default function DesignerSpace() {
  const { name, proposals, kits, contest } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <Page title="Espace candidat" lead={`Bienvenue, ${name}. Vous concevez un kit d'inclusion numérique pour le concours d'innovation.`}>
      {search.get("refus") === "ferme" ? (
        <Notice kind="warning" title="Les candidatures ne sont pas ouvertes : aucune proposition ne peut être créée." />
      ) : null}
      {search.get("refus") === "jure" ? (
        <Notice kind="warning" title="Vous êtes membre du jury de ce concours : vous ne pouvez pas y déposer de proposition." />
      ) : null}
      {contest?.open ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">{contest.title}</h2>
          <p className="fr-callout__text">
            Les candidatures sont ouvertes jusqu'au {formatParis(new Date(contest.closesAt))} (heure de Paris)
            {contest.left ? `, soit encore ${contest.left}` : ""}.
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
      {kits.length > 0 ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Mes kits au catalogue</h2>
          <p className="fr-callout__text">{kits.map((kit) => kit.title).join(", ")}</p>
          <ul>
            <li>
              <Link to="/candidat/fabricants">Les fabricants qui demandent à fabriquer mes kits</Link>
            </li>
            <li>
              <Link to="/candidat/retours">Les retours des structures sur mes kits</Link>
            </li>
          </ul>
        </div>
      ) : null}
      <h2>Mes propositions</h2>
      {proposals.length === 0 ? (
        <p>Vous n'avez pas encore de proposition.</p>
      ) : (
        <DataTable
          caption="Mes propositions et leur statut"
          hideCaption
          headers={["Proposition", "Concours", "Statut", "Version déposée", "Mise à jour"]}
          rows={proposals.map((p) => ({
            key: p.id,
            cells: [
              <>
                <Link to={`/candidat/propositions/${p.id}`}>{p.title || "(sans titre)"}</Link>
                {p.status === "ineligible" && p.ineligibilityReason ? <p className="fr-text--sm fr-mb-0">Motif : {p.ineligibilityReason}</p> : null}
              </>,
              p.contestTitle,
              statusLabels[p.status],
              p.currentVersion || "—",
              formatParis(new Date(p.updatedAt)),
            ],
          }))}
        />
      )}
    </Page>
  );
}
