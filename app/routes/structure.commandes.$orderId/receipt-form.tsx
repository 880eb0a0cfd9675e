import { Form } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { FormAnswer } from "~/http/answers.server";
import type { ShipmentView } from "~/orders/structure-orders.server";
import { receiptLabels, receivedField } from "~/orders/structure-schemas";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, Field, RequiredFieldsNote, SubmitButton } from "~/ui/form";

/**
 * The service fait of one shipment: the date it arrived, who signs, what arrived of each kit, and
 * the reservations. Ids carry the shipment's number: one page may hold several of these forms.
 */
export function ReceiptForm({
  shipment,
  today,
  answer,
}: {
  shipment: SerializeFrom<ShipmentView>;
  today: string;
  answer?: SerializeFrom<FormAnswer>;
}) {
  const prefix = `recu-${shipment.id}-`;
  const errors = Object.fromEntries(
    Object.entries(answer?.errors ?? {}).map(([field, message]) => [field === "_form" ? field : prefix + field, message]),
  );
  const labels: Record<string, string> = Object.fromEntries(Object.entries(receiptLabels).map(([field, label]) => [prefix + field, label]));
  for (const line of shipment.lines) labels[prefix + receivedField(line.kitId)] = `Reçus : ${line.title}`;
  const values = answer?.values ?? {};
  const received = answer?.lists.received;
  const field = (name: string) => ({
    name,
    id: `champ-${prefix}${name}`,
    label: receiptLabels[name]!,
    error: errors[prefix + name],
    defaultValue: values[name],
  });
  return (
    <Form method="post" noValidate className="fr-mt-2w" aria-labelledby={`${prefix}titre`}>
      <h5 id={`${prefix}titre`} className="fr-h6">
        Confirmer la réception de la livraison n° {shipment.id}
      </h5>
      <ErrorSummary errors={answer ? errors : undefined} labels={labels} />
      <RequiredFieldsNote />
      <input type="hidden" name="shipmentId" value={shipment.id} />
      <Field {...field("receivedOn")} type="date" max={today} defaultValue={values.receivedOn ?? today} />
      <Field {...field("signatoryName")} autoComplete="name" maxLength={200} />
      <Field {...field("signatoryRole")} autoComplete="organization-title" maxLength={200} hint="Par exemple : directrice de la médiathèque." />
      {shipment.lines.map((line, row) => (
        <div key={line.kitId}>
          <input type="hidden" name="kitId" value={line.kitId} />
          <Field
            label={`Kits « ${line.title} » reçus en bon état`}
            name="received"
            id={`champ-${prefix}${receivedField(line.kitId)}`}
            inputMode="numeric"
            hint={`De 0 à ${line.quantity} : ${line.quantity} expédié${line.quantity > 1 ? "s" : ""}.`}
            defaultValue={received?.[row] ?? String(line.quantity)}
            maxLength={6}
            error={errors[prefix + receivedField(line.kitId)]}
          />
        </div>
      ))}
      <TextArea
        {...field("reservations")}
        rows={3}
        maxLength={4000}
        hint="Obligatoires s'il manque des kits ou si des kits sont abîmés : dites ce qui manque ou ce qui est abîmé."
      />
      <SubmitButton>Confirmer la réception</SubmitButton>
    </Form>
  );
}
