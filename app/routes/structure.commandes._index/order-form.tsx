import { Form, Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { KitPhotoImage } from "~/catalogue/kit-view";
import type { FormAnswer } from "~/http/answers.server";
import { formatEuros } from "~/money/euros";
import type { OrderingSpace } from "~/orders/structure-orders.server";
import { quantityField } from "~/orders/structure-schemas";
import { ErrorSummary, Field, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { plural } from "~/ui/plural";

/**
 * The kits orderable in the campaign, each with a quantity field (blank: not ordered), sent as one
 * order. The idempotency key the page was given travels with every sending of the form.
 */
export function OrderForm({
  space,
  answer,
}: {
  space: SerializeFrom<OrderingSpace> & { idempotencyKey: string };
  answer?: SerializeFrom<FormAnswer>;
}) {
  if (space.kits.length === 0) return null;
  const errors = answer?.errors;
  const typed = answer?.lists.quantity;
  const labels: Record<string, string> = { lines: "Kits commandés" };
  space.kits.forEach((kit, row) => (labels[quantityField(row)] = `Quantité de « ${kit.title} »`));
  return (
    <section className="fr-mt-6w" aria-labelledby="commander-titre">
      <h2 id="commander-titre">Commander</h2>
      <ErrorSummary errors={errors} labels={labels} />
      {answer && answer.details.length > 0 ? (
        <ul className="fr-mb-3w" aria-label="Raisons">
          {answer.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      ) : null}
      <Form method="post" noValidate>
        <RequiredFieldsNote>Indiquez la quantité de chaque kit à commander ; laissez vide un kit que vous ne commandez pas.</RequiredFieldsNote>
        <input type="hidden" name="structureId" value={space.structure.id} />
        <input type="hidden" name="idempotencyKey" value={space.idempotencyKey} />
        <div id="champ-lines" className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
          {space.kits.map((kit, row) => (
            <div key={kit.kitId} className="fr-col-12 fr-col-md-6">
              <div className="fr-card fr-card--no-arrow">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h3 className="fr-card__title">
                      <Link to={`/catalogue/${kit.slug}`}>{kit.title}</Link>
                    </h3>
                    <p className="fr-card__desc">{kit.pitch}</p>
                    <div className="fr-card__end">
                      <p className="fr-card__detail fr-text--bold">
                        {formatEuros(kit.unitPriceCents)} l'unité
                        {kit.leadTimeDays === null ? null : ` — fabriqué en ${plural(kit.leadTimeDays, "jour")}`}
                      </p>
                    </div>
                  </div>
                  <div className="fr-card__footer">
                    <input type="hidden" name="kitId" value={kit.kitId} />
                    <Field
                      label={`Quantité de « ${kit.title} »`}
                      name="quantity"
                      id={`champ-${quantityField(row)}`}
                      inputMode="numeric"
                      autoComplete="off"
                      hint="Un nombre entier de kits, par exemple 3 (facultatif)."
                      defaultValue={typed?.[row] ?? ""}
                      maxLength={6}
                      error={errors?.[quantityField(row)]}
                    />
                  </div>
                </div>
                {kit.photo ? (
                  <div className="fr-card__header">
                    <div className="fr-card__img">
                      <KitPhotoImage
                        className="fr-responsive-img"
                        proposalId={kit.proposalId}
                        photo={kit.photo}
                        variant="medium"
                        fallbackAlt=""
                        lazy
                      />
                    </div>
                  </div>
                ) : null}
              </div>
            </div>
          ))}
        </div>
        {errors?.lines ? <p className="fr-error-text">{errors.lines}</p> : null}
        <SubmitButton>Envoyer la commande</SubmitButton>
      </Form>
    </section>
  );
}
