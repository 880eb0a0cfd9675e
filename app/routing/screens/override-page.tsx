import { Form } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { fulfilmentStatusLabels } from "~/orders/fulfilment-lifecycle";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { fieldBinder, Select, TextArea } from "~/ui/fields";
import { ErrorSummary, Notice, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { plural } from "~/ui/plural";
import type { ShareForOverride } from "../routing.server";
import { overrideLabels } from "../schemas";
import type { OverrideSpace } from "./spaces";

const km = (distance: number) => `${distance.toLocaleString("fr-FR")} km`;

/** A share of an order: its maker, the makers that could take it instead, and the form that moves it. */
export function OverridePage({ space, share, answer }: { space: OverrideSpace; share: ShareForOverride; answer: FormAnswer | undefined }) {
  const errors = answer?.errors ?? {};
  const bound = fieldBinder(overrideLabels, { makerId: "", reason: "", ...answer?.values }, errors);
  const movable = share.status === "routed" || share.status === "accepted";
  return (
    <>
      {space.backPath ? <BackLink to={space.backPath}>Routage des commandes</BackLink> : null}
      <h1>Part de la commande n° {share.orderId}</h1>
      <SuccessNotice notices={{ confiee: "La part est confiée à ce fabricant ; les fabricants concernés en sont informés par courriel." }} />
      <ul>
        <li>
          Structure : {share.structure} (département {share.departement})
        </li>
        <li>
          Fabricant : {share.maker.name} (département {share.maker.departement}), à {km(share.distanceKm)}
        </li>
        <li>État : {fulfilmentStatusLabels[share.status]}</li>
        {share.lines.map((line) => (
          <li key={line.kitId}>
            Kit « {line.kitTitle} » : {plural(line.units, "unité", "unités")}
          </li>
        ))}
      </ul>
      <h2>Fabricants qui pourraient la prendre</h2>
      {share.candidates.length === 0 ? (
        <p>Aucun autre fabricant ne fabrique tous les kits de cette part pour ce département sans être en pause.</p>
      ) : (
        <DataTable
          caption="Fabricants qui fabriquent ces kits et livrent ce département, du plus proche au plus lointain"
          headers={["Fabricant", "Département", "Distance", "Capacité restante ce mois"]}
          rowHeaders
          rows={share.candidates.map((candidate) => ({
            key: candidate.makerId,
            cells: [
              candidate.name,
              candidate.departement,
              km(candidate.distanceKm),
              candidate.remaining.map((kit) => `${kit.kitTitle} : ${plural(kit.units, "unité", "unités")}`).join(" ; "),
            ],
          }))}
        />
      )}
      {!movable ? (
        <Notice kind="info" title="Cette part ne change plus de fabricant">
          <p>Seule une part à accepter ou acceptée, dont la fabrication n'a pas commencé, peut être confiée à un autre fabricant.</p>
        </Notice>
      ) : share.candidates.length > 0 ? (
        <>
          <h2>Confier cette part à un autre fabricant</h2>
          <ErrorSummary errors={errors} labels={overrideLabels} />
          <Form method="post" noValidate>
            <RequiredFieldsNote />
            <Select
              {...bound("makerId")}
              options={share.candidates.map((candidate) => ({
                value: String(candidate.makerId),
                label: `${candidate.name} (${km(candidate.distanceKm)})`,
              }))}
              placeholder="Choisir un fabricant"
              required
            />
            <TextArea {...bound("reason")} rows={3} maxLength={2000} required hint="Conservée avec la décision et transmise aux deux fabricants." />
            <SubmitButton>Confier la part à ce fabricant</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
