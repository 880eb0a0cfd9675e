import { Link } from "@remix-run/react";
import type { UserPageData } from "./route";

/** The account's state as the admin needs it to decide: active, confirmed, protected, in use. */
export function AccountSection({ user }: { user: UserPageData["user"] }) {
  return (
    <>
      <h2>Compte</h2>
      <ul>
        <li>
          État :{" "}
          {user.disabledAt ? (
            <span className="fr-badge fr-badge--error fr-badge--sm">Désactivé le {user.disabledAt}</span>
          ) : (
            <span className="fr-badge fr-badge--success fr-badge--sm">Actif</span>
          )}
        </li>
        <li>Adresse électronique : {user.emailConfirmed ? "confirmée" : "non confirmée"}</li>
        <li>Double authentification : {user.totpEnabled ? "activée" : "non activée"}</li>
        <li>Sessions ouvertes : {user.liveSessions}</li>
        <li>Compte créé le {user.createdAt}</li>
      </ul>
      <p>
        <Link to={`/admin/journal?sujet=${encodeURIComponent(`user:${user.id}`)}`}>Voir l'historique de ce compte dans le journal d'audit</Link>
      </p>
    </>
  );
}
