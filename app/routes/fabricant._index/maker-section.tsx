import { Form, Link } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import { makerKindLabels, makerKitStatusLabels } from "~/makers/kinds";
import type { Maker, MakerKit } from "~/makers/makers.server";
import type { RegionDepartements } from "~/territories/territories.server";
import { DataTable } from "~/ui/data-table";
import { CheckboxGroup } from "~/ui/fields";
import { ErrorSummary } from "~/ui/form";
import { plural } from "~/ui/plural";
import { SupplyForm } from "./supply-form";

/** What the action answered after a refusal: the errors and what was posted, intent and ids included. */
export type SpaceAnswer = { errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> } | undefined;

function supplyText(kit: MakerKit): string {
  if (kit.status === "requested") return "—";
  if (kit.status === "refused") return `Refusé : ${kit.refusalReason}`;
  if (kit.unitsPerMonth === null) return "À déclarer";
  const coverage = plural(kit.departements.length, "département", "départements");
  return `${coverage}, ${plural(kit.unitsPerMonth, "unité", "unités")} par mois${kit.paused ? " — en pause" : ""}`;
}

export function MakerSection({
  maker,
  catalogue,
  regions,
  answer,
}: {
  maker: Maker;
  catalogue: { id: number; title: string }[];
  regions: RegionDepartements[];
  answer: SpaceAnswer;
}) {
  // Errors by field go back to the form that was sent; a general refusal is said at the top of the page.
  const answered = (intent: string, kitId?: number) =>
    answer &&
    !answer.errors._form &&
    answer.values.intent === intent &&
    answer.values.makerId === String(maker.id) &&
    (kitId === undefined || answer.values.kitId === String(kitId))
      ? answer
      : null;
  const requestable = catalogue.filter((kit) => !maker.kits.some((own) => own.kitId === kit.id));
  const requestAnswer = answered("request");
  return (
    <section className="fr-mb-8w" aria-labelledby={`fabricant-${maker.id}`}>
      <h2 id={`fabricant-${maker.id}`}>{maker.name}</h2>
      <p>
        {makerKindLabels[maker.kind]} à {maker.communeName} ({maker.departementCode}) — SIRET {maker.siret}
      </p>
      <h3>Kits fabriqués</h3>
      {maker.kits.length === 0 ? (
        <p>Vous n'avez encore demandé à fabriquer aucun kit : choisissez-les ci-dessous.</p>
      ) : (
        <DataTable
          caption={`Kits de ${maker.name}`}
          hideCaption
          headers={["Kit", "Demande", "Couverture et capacité"]}
          rowHeaders
          rows={maker.kits.map((kit) => ({
            key: kit.kitId,
            cells: [kit.title, makerKitStatusLabels[kit.status], supplyText(kit)],
          }))}
        />
      )}
      {maker.kits
        .filter((kit) => kit.status === "approved")
        .map((kit) => (
          <div key={kit.kitId} className="fr-mt-4w">
            <h3>
              {kit.title}
              {kit.paused ? " (en pause)" : ""}
            </h3>
            {kit.unitsPerMonth !== null ? (
              <Form method="post" className="fr-mb-3w">
                <input type="hidden" name="makerId" value={maker.id} />
                <input type="hidden" name="kitId" value={kit.kitId} />
                <input type="hidden" name="paused" value={String(!kit.paused)} />
                <p>
                  {kit.paused
                    ? "La fabrication de ce kit est en pause : aucune nouvelle commande ne vous est confiée."
                    : "Les commandes des structures des départements cochés peuvent vous être confiées, dans la limite de votre capacité."}
                </p>
                <button type="submit" name="intent" value="pause" className="fr-btn fr-btn--secondary fr-btn--sm">
                  {kit.paused ? "Reprendre la fabrication" : "Mettre en pause"}
                  <span className="fr-sr-only"> : {kit.title}</span>
                </button>
              </Form>
            ) : null}
            <SupplyForm makerId={maker.id} kit={kit} regions={regions} refused={answered("supply", kit.kitId)} />
          </div>
        ))}
      <h3 className="fr-mt-4w">Demander à fabriquer des kits</h3>
      {requestable.length === 0 ? (
        <p>
          Vous avez demandé à fabriquer tous les kits du <Link to="/catalogue">catalogue</Link>.
        </p>
      ) : (
        <Form method="post">
          <ErrorSummary errors={requestAnswer?.errors} labels={{ kitIds: "Kits à fabriquer" }} />
          <input type="hidden" name="makerId" value={maker.id} />
          <CheckboxGroup
            legend="Kits du catalogue à fabriquer"
            name="kitIds"
            id={requestAnswer ? undefined : `champ-kitIds-${maker.id}`}
            hint="Chaque demande est examinée par l'équipe du programme ; vous recevrez sa décision par courriel."
            options={requestable.map((kit) => ({ value: String(kit.id), label: kit.title }))}
            checked={requestAnswer?.lists.kitIds ?? []}
            error={requestAnswer?.errors.kitIds}
          />
          <button type="submit" name="intent" value="request" className="fr-btn">
            Demander à fabriquer ces kits
          </button>
        </Form>
      )}
    </section>
  );
}
