import { Form } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { carrierLabels, carriers } from "~/shipping/carriers";
import { refusalLabels, shipmentLabels } from "~/orders/maker-schemas";
import { Select, TextArea } from "~/ui/fields";
import { ErrorSummary, Field, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import type { ShareView } from "./share-summary";

/** What the maker may do next with the share, by its state: accept or refuse, start building, ship. */
export function ShareActions({ share, answer }: { share: ShareView; answer: FormAnswer | undefined }) {
  const answered = (intent: string) => (answer?.values.intent === intent ? answer : undefined);
  if (share.status === "routed") return <AcceptOrRefuse refused={answered("refuse")} />;
  if (share.status === "accepted")
    return (
      <>
        <h2 className="fr-mt-4w">Fabrication</h2>
        <Form method="post">
          <p>Indiquez quand vous commencez à fabriquer ces kits : la structure ne pourra plus annuler sa commande.</p>
          <input type="hidden" name="intent" value="start" />
          <SubmitButton>Commencer la fabrication</SubmitButton>
        </Form>
      </>
    );
  const remaining = share.lines.filter((line) => line.quantity > line.shippedUnits);
  if ((share.status === "in_production" || share.status === "shipped") && remaining.length > 0)
    return <ShipmentForm share={share} refused={answered("ship")} />;
  return null;
}

function AcceptOrRefuse({ refused }: { refused: FormAnswer | undefined }) {
  return (
    <>
      <h2 className="fr-mt-4w">Accepter ou refuser</h2>
      <p>Cette commande vous est attribuée : les unités sont comptées dans votre capacité de ce mois.</p>
      <Form method="post" className="fr-mb-4w">
        <input type="hidden" name="intent" value="accept" />
        <SubmitButton>Accepter la commande</SubmitButton>
      </Form>
      <h3>Refuser la commande</h3>
      <Form method="post" noValidate>
        <ErrorSummary errors={refused?.errors} labels={refusalLabels} />
        <RequiredFieldsNote />
        <input type="hidden" name="intent" value="refuse" />
        <TextArea
          label={refusalLabels.reason}
          name="reason"
          hint="De 5 à 2 000 caractères. L'équipe du programme la lira, et attribuera la commande à un autre fabricant."
          rows={4}
          maxLength={2000}
          defaultValue={refused?.values.reason}
          error={refused?.errors.reason}
        />
        <SubmitButton secondary>Refuser la commande</SubmitButton>
      </Form>
    </>
  );
}

function ShipmentForm({ share, refused }: { share: ShareView; refused: FormAnswer | undefined }) {
  const errors = refused?.errors ?? {};
  const remaining = share.lines.filter((line) => line.quantity > line.shippedUnits);
  const labels = { ...shipmentLabels, ...Object.fromEntries(remaining.map((line) => [`units-${line.kitId}`, `Unités de « ${line.title} »`])) };
  return (
    <>
      <h2 className="fr-mt-4w">Expédier</h2>
      <p>Vous pouvez expédier la commande en plusieurs fois : chaque expédition a son numéro de suivi et son bon de livraison.</p>
      {/* A new form after each shipment: its fields start again from what remains, not from what was typed. */}
      <Form method="post" noValidate key={share.shipments.length}>
        <ErrorSummary errors={refused?.errors} labels={labels} />
        <RequiredFieldsNote />
        <input type="hidden" name="intent" value="ship" />
        <Select
          label={shipmentLabels.carrier}
          name="carrier"
          options={carriers.map((carrier) => ({ value: carrier, label: carrierLabels[carrier] }))}
          placeholder="Choisir"
          defaultValue={refused?.values.carrier ?? ""}
          error={errors.carrier}
        />
        <Field
          label={`${shipmentLabels.trackingNumber} (facultatif pour une remise en main propre)`}
          name="trackingNumber"
          hint="Tel qu'il figure sur l'étiquette du colis, par exemple 6A12345678901 pour Colissimo."
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          defaultValue={refused?.values.trackingNumber}
          error={errors.trackingNumber}
        />
        <fieldset
          className={`fr-fieldset${errors.lines ? " fr-fieldset--error" : ""}`}
          id="champ-lines"
          aria-labelledby={`unites-legende${errors.lines ? " champ-lines-message" : ""}`}
        >
          <legend className="fr-fieldset__legend fr-text--regular" id="unites-legende">
            {shipmentLabels.lines}
            <span className="fr-hint-text">Pour chaque kit, le nombre d'unités dans cette expédition ; 0 pour aucune.</span>
          </legend>
          {remaining.map((line) => {
            const left = line.quantity - line.shippedUnits;
            const name = `units-${line.kitId}`;
            return (
              <div className="fr-fieldset__element" key={line.kitId}>
                <Field
                  label={labels[name]}
                  name={name}
                  hint={`${left} ${left > 1 ? "unités restent" : "unité reste"} à expédier sur ${line.quantity}.`}
                  inputMode="numeric"
                  maxLength={4}
                  defaultValue={refused ? refused.values[name] : String(left)}
                  error={errors[name]}
                />
              </div>
            );
          })}
          {errors.lines ? (
            <div className="fr-messages-group" id="champ-lines-message">
              <p className="fr-message fr-message--error">{errors.lines}</p>
            </div>
          ) : null}
        </fieldset>
        <SubmitButton>Enregistrer l'expédition</SubmitButton>
      </Form>
    </>
  );
}
