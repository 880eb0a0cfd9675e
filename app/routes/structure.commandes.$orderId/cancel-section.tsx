import { Form, Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { FormAnswer } from "~/http/answers.server";
import { ErrorSummary } from "~/ui/form";

/** Cancelling the order, in two steps: the button, then a confirmation that says what it does. */
export function CancelSection({ orderId, confirming, answer }: { orderId: number; confirming: boolean; answer?: SerializeFrom<FormAnswer> }) {
  return (
    <section className="fr-mb-4w" id="annulation" aria-labelledby="annulation-titre">
      <h2 id="annulation-titre">Annuler la commande</h2>
      <ErrorSummary errors={answer?.errors} labels={{}} />
      {confirming ? (
        <div className="fr-alert fr-alert--warning">
          <h3 className="fr-alert__title">Annuler la commande n° {orderId} ?</h3>
          <p>
            Les fabricants ne la fabriqueront pas ; ce qu'elle réservait est rendu à votre plafond et à l'enveloppe du département. C'est définitif.
          </p>
          <Form method="post" className="fr-mt-2w">
            <input type="hidden" name="confirm" value="oui" />
            <ul className="fr-btns-group fr-btns-group--inline">
              <li>
                <button className="fr-btn" type="submit" name="intent" value="cancel">
                  Oui, annuler la commande
                </button>
              </li>
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/structure/commandes/${orderId}`}>
                  Non, garder la commande
                </Link>
              </li>
            </ul>
          </Form>
        </div>
      ) : (
        <>
          <p>Possible tant qu'aucun fabricant n'a commencé la fabrication.</p>
          <Link className="fr-btn fr-btn--secondary" to={`/structure/commandes/${orderId}?annuler=1#annulation`}>
            Annuler la commande…
          </Link>
        </>
      )}
    </section>
  );
}
