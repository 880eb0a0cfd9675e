import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { adminDashboard } from "~/accounts/admin.server";
import { requireUser } from "~/accounts/permissions.server";
import { roleLabels, roles } from "~/accounts/roles";
import { mailStatusLabels, mailStatuses } from "~/mail/status";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [{ title: pageTitle("Administration") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  return { name: user.name, dashboard: await adminDashboard() };
}

export default function AdminDashboard() {
  const { name, dashboard } = useLoaderData<typeof loader>();
  const { users, mail, auditEntries, smtp } = dashboard;
  return (
    <>
      <h1>Administration</h1>
      <p className="fr-text--lead">Bonjour {name}. Gérez les comptes, lisez les courriels envoyés par le portail et contrôlez le journal d'audit.</p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <Tile to="/admin/utilisateurs" title="Utilisateurs">
          {plural(users.total, "compte")}, dont {plural(users.disabled, "désactivé")}
        </Tile>
        <Tile to="/admin/courriels" title="Courriels">
          {plural(mail.sent, "envoyé")}, {plural(mail.kept, "conservé")}, {mail.queued} en attente, {mail.failed} en échec
        </Tile>
        <Tile to="/admin/commandes" title="Commandes">
          Les commandes à approuver et l'enveloppe de chaque département
        </Tile>
        <Tile to="/admin/tableau-de-bord" title="Suivi de la distribution">
          La consommation de l'enveloppe, les commandes en attente, les délais, la charge des fabricants et les structures à contacter
        </Tile>
        <Tile to="/admin/journal" title="Journal d'audit">
          {plural(auditEntries, "entrée")}
        </Tile>
      </div>

      <h2 className="fr-mt-5w">Rôles attribués</h2>
      <DataTable
        caption="Nombre de personnes par rôle"
        hideCaption
        headers={["Rôle", "Personnes"]}
        rows={roles.map((role) => ({ key: role, cells: [roleLabels[role], users.byRole[role]] }))}
        rowHeaders
      />

      <h2 className="fr-mt-5w">Boîte d'envoi</h2>
      {smtp ? (
        <p>Les courriels partent par le serveur SMTP configuré ; un envoi qui échoue est réessayé automatiquement.</p>
      ) : (
        <p>Aucun serveur SMTP n'est configuré : les courriels sont conservés dans la boîte d'envoi, où vous pouvez les lire.</p>
      )}
      <ul>
        {mailStatuses.map((status) => (
          <li key={status}>
            {mailStatusLabels[status]} : {mail[status]}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A DSFR tile of the dashboard: the whole tile follows its title's link. */
function Tile({ to, title, children }: { to: string; title: string; children: ReactNode }) {
  return (
    <div className="fr-col-12 fr-col-lg-4">
      <div className="fr-tile fr-enlarge-link">
        <div className="fr-tile__body">
          <div className="fr-tile__content">
            <h2 className="fr-tile__title">
              <Link to={to}>{title}</Link>
            </h2>
            <p className="fr-tile__detail">{children}</p>
          </div>
        </div>
      </div>
    </div>
  );
}
