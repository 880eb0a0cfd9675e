import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { listContests } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { phaseLabels } from "~/contest/phase";
import { now } from "~/infra/clock.server";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Concours", "Administration") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return { contests: await listContests(now()) };
}

export default function AdminContests() {
  const { contests } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Concours</h1>
      <p>
        <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/admin/concours/nouveau">
          Créer un concours
        </Link>
      </p>
      {contests.length === 0 ? (
        <p>Aucun concours pour le moment.</p>
      ) : (
        <DataTable
          caption="Concours, du plus récent au plus ancien"
          headers={["Titre", "Phase", "Clôture des candidatures", "Propositions"]}
          rows={contests.map((contest) => ({
            key: contest.id,
            cells: [
              <Link key="title" to={`/admin/concours/${contest.slug}`}>
                {contest.title}
              </Link>,
              phaseLabels[contest.phase],
              formatParis(new Date(contest.calendar.submissionsCloseAt)),
              <Link key="proposals" to={`/admin/concours/${contest.slug}/propositions`}>
                Voir les propositions
              </Link>,
            ],
          }))}
        />
      )}
    </>
  );
}
