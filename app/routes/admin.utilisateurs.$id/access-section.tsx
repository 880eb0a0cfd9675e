import { Form } from "@remix-run/react";
import type { UserPageData } from "./route";

/** Disabling or re-enabling the account; nobody can lock themself out. */
export function AccessSection({ user, self, formAction, busy }: { user: UserPageData["user"]; self: boolean; formAction: string; busy: boolean }) {
  return (
    <>
      <h2 className="fr-mt-5w">Accès au portail</h2>
      {self ? (
        <p>Vous ne pouvez pas désactiver votre propre compte : un autre gestionnaire doit le faire.</p>
      ) : user.disabledAt ? (
        <Form method="post" action={formAction}>
          <input type="hidden" name="intent" value="enable" />
          <p>Ce compte est désactivé : la personne ne peut plus se connecter.</p>
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Réactiver le compte
          </button>
        </Form>
      ) : (
        <Form method="post" action={formAction}>
          <input type="hidden" name="intent" value="disable" />
          <p>Désactiver le compte met fin immédiatement à ses sessions ; la personne ne peut plus se connecter jusqu'à sa réactivation.</p>
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Désactiver le compte
          </button>
        </Form>
      )}
    </>
  );
}
