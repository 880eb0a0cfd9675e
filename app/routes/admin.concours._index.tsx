import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { listContests } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { phaseLabels } from "~/contest/phase";
import { now } from "~/infra/clock.server";

export const meta: MetaFunction = () => [{ title: "Concours — Administration — Kits d'inclusion numérique" }];

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
        <div className="fr-table fr-table--multiline">
          <table>
            <caption>Concours, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Phase</th>
                <th scope="col">Clôture des candidatures</th>
                <th scope="col">Propositions</th>
              </tr>
            </thead>
            <tbody>
              {contests.map((contest) => (
                <tr key={contest.id}>
                  <td>
                    <Link to={`/admin/concours/${contest.slug}`}>{contest.title}</Link>
                  </td>
                  <td>{phaseLabels[contest.phase]}</td>
                  <td>{formatParis(new Date(contest.calendar.submissionsCloseAt))}</td>
                  <td>
                    <Link to={`/admin/concours/${contest.slug}/propositions`}>Voir les propositions</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
