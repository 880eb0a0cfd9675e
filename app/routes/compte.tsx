import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { describeScope, roleLabels, roleSpaces, rolesRequiringSecondFactor } from "~/accounts/roles";
import { formatDate } from "~/infra/paris-time";
import { NarrowPage } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Mon compte") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    name: user.name,
    email: user.email,
    totpEnabledAt: user.totpEnabledAt ? formatDate(user.totpEnabledAt) : null,
    totpRequired: user.memberships.some((m) => rolesRequiringSecondFactor.includes(m.role)),
    memberships: user.memberships.map((m) => ({
      id: m.id,
      label: roleLabels[m.role],
      scope: describeScope(m.scope),
      space: roleSpaces[m.role],
    })),
  };
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  return (
    <NarrowPage title="Mon compte">
      <SuccessNotice
        title="Mot de passe modifié"
        notices={{
          "mot-de-passe-modifie": "Vos sessions ouvertes sur d'autres appareils ont été fermées et un courriel vous confirme le changement.",
        }}
      />
      <h2 className="fr-h4">Identité</h2>
      <dl>
        <dt className="fr-text--bold">Nom et prénom</dt>
        <dd className="fr-mb-2w">{account.name}</dd>
        <dt className="fr-text--bold">Adresse électronique</dt>
        <dd className="fr-mb-2w">{account.email}</dd>
      </dl>

      <h2 className="fr-h4">Rôles</h2>
      {account.memberships.length === 0 ? (
        <p>
          Aucun rôle ne vous est attribué pour le moment : <Link to="/bienvenue">dites-nous ce que vous venez faire</Link> (proposer un kit, commander
          pour une structure, fabriquer).
        </p>
      ) : (
        <ul>
          {account.memberships.map((m) => (
            <li key={m.id}>
              <Link to={m.space}>{m.label}</Link> — portée : {m.scope}
            </li>
          ))}
        </ul>
      )}

      <h2 className="fr-h4">Double authentification</h2>
      {account.totpEnabledAt ? (
        <p>
          <span className="fr-badge fr-badge--success">Activée</span> depuis le {account.totpEnabledAt}. Un code de votre application
          d'authentification vous est demandé à chaque connexion.
        </p>
      ) : (
        <>
          <p>
            <span className="fr-badge fr-badge--warning">Non activée</span>{" "}
            {account.totpRequired
              ? "Elle est obligatoire pour vos rôles : activez-la pour accéder à vos espaces."
              : "Elle protège votre compte même si votre mot de passe venait à être connu."}
          </p>
          <p>
            <Link className="fr-btn" to="/compte/double-authentification">
              Activer la double authentification
            </Link>
          </p>
        </>
      )}

      <h2 className="fr-h4">Mot de passe et session</h2>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/compte/mot-de-passe">
            Changer de mot de passe
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" to="/deconnexion">
            Se déconnecter
          </Link>
        </li>
      </ul>
    </NarrowPage>
  );
}
