import { Form, Link } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { ErrorSummary } from "~/ui/form";

/** The juror declares a conflict of interest on the entry: a link first, then a confirmation box. */
export function ConflictDeclaration({
  entryId,
  declarable,
  refusal,
  confirming,
  answer,
}: {
  entryId: number;
  declarable: boolean;
  refusal: string | null;
  confirming: boolean;
  answer: FormAnswer | undefined;
}) {
  return (
    <section className="fr-mt-6w" id="conflit" aria-labelledby="conflit-titre">
      <h2 id="conflit-titre">Conflit d'intérêts</h2>
      {!declarable ? (
        <p>{refusal}</p>
      ) : confirming ? (
        <>
          <ErrorSummary errors={answer?.errors} labels={{ confirm: "Confirmation" }} />
          <Form method="post" noValidate>
            <p>
              Si vous avez un lien avec les auteurs de cette proposition, déclarez-le : l'entrée sera retirée de votre liste et confiée à un autre
              membre du jury. Votre brouillon d'évaluation sera supprimé. Cette déclaration ne peut pas être annulée par vous-même.
            </p>
            <div className={`fr-checkbox-group fr-mb-2w${answer?.errors.confirm ? " fr-checkbox-group--error" : ""}`}>
              <input type="checkbox" id="champ-confirm" name="confirm" value="oui" />
              <label className="fr-label" htmlFor="champ-confirm">
                Je déclare un conflit d'intérêts avec cette proposition.
              </label>
            </div>
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button className="fr-btn" type="submit" name="intent" value="declare-conflict">
                  Confirmer la déclaration
                </button>
              </li>
              <li>
                <Link className="fr-btn fr-btn--tertiary" to={`/jury/entrees/${entryId}`}>
                  Annuler
                </Link>
              </li>
            </ul>
          </Form>
        </>
      ) : (
        <>
          <p>Vous reconnaissez cette proposition, ou vous avez un lien avec ses auteurs ? Déclarez un conflit d'intérêts.</p>
          <Link className="fr-btn fr-btn--tertiary" to={`/jury/entrees/${entryId}?conflit=1#conflit`}>
            Déclarer un conflit d'intérêts
          </Link>
        </>
      )}
    </section>
  );
}
