import { Form } from "@remix-run/react";
import { formatParis } from "~/infra/paris-time";
import type { DeliberationPage } from "~/results/deliberation.server";
import { Notice, SubmitButton } from "~/ui/form";
import { plural } from "~/ui/plural";

type Seal = NonNullable<DeliberationPage["seal"]>;

/** Before the seal: the button once the review is closed, the date it closes until then. */
export function SealSection({ canSeal, reviewCloseAt }: { canSeal: boolean; reviewCloseAt: Date }) {
  return (
    <section className="fr-mb-6w" aria-labelledby="scellement">
      <h2 id="scellement">Sceller les notes</h2>
      {canSeal ? (
        <>
          <p>
            L'évaluation est close. Le scellement fige toutes les évaluations soumises : la délibération, les décisions et les notes publiées se
            calculent ensuite sur cet instantané, dont l'empreinte SHA-256 est inscrite au journal d'audit. Plus aucune note ne pourra changer ; le
            scellement ne se refait pas.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="seal" />
            <SubmitButton>Sceller les notes</SubmitButton>
          </Form>
        </>
      ) : (
        <p>
          Les notes se scellent à la fin de l'évaluation, le {formatParis(new Date(reviewCloseAt))} (heure de Paris). Jusque-là, les membres du jury
          peuvent modifier leurs évaluations.
        </p>
      )}
    </section>
  );
}

/** The seal itself: when, by whom, over what, its digest, and the incomplete reviews it left out. */
export function SealedSection({ seal }: { seal: Seal }) {
  return (
    <section className="fr-mb-6w" aria-labelledby="scellement">
      <h2 id="scellement">Notes scellées</h2>
      <p>
        Scellées le {formatParis(new Date(seal.sealedAt))}
        {seal.sealedByName ? ` par ${seal.sealedByName}` : ""} : {plural(seal.panel.reviewCount, "évaluation complète", "évaluations complètes")} sur{" "}
        {plural(seal.entryCount, "proposition recevable", "propositions recevables")}.
      </p>
      <p>
        Empreinte SHA-256 de l'instantané : <code style={{ wordBreak: "break-all" }}>{seal.digest}</code>
      </p>
      {seal.incomplete.length > 0 ? (
        <Notice kind="warning" title="Évaluations incomplètes écartées">
          <ul>
            {seal.incomplete.map((i) => (
              <li key={`${i.proposalId}-${i.jurorName}`}>
                Proposition n° {i.proposalId} : l'évaluation de {i.jurorName} ne note pas tous les critères.
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </section>
  );
}

const agreementBadges = {
  strong: { kind: "success", label: "Accord fort" },
  acceptable: { kind: "info", label: "Accord acceptable" },
  weak: { kind: "warning", label: "Accord faible" },
  undefined: { kind: "info", label: "Accord non calculable" },
} as const;

/** How far the jurors agree (Krippendorff's alpha), in words first. */
export function AgreementSection({ agreement }: { agreement: Seal["agreement"] }) {
  const badge = agreementBadges[agreement.level];
  return (
    <section className="fr-mb-6w" aria-labelledby="accord">
      <h2 id="accord">Accord du jury</h2>
      <p>
        <span className={`fr-badge fr-badge--no-icon fr-badge--${badge.kind}`}>{badge.label}</span>
      </p>
      <p>{agreement.interpretation}</p>
      {agreement.pairableUnits > 0 ? (
        <p className="fr-text--sm">
          Krippendorff, données d'intervalle, sur les notes pondérées de{" "}
          {plural(agreement.pairableUnits, "proposition évaluée", "propositions évaluées")} au moins deux fois ({agreement.pairableValues} notes).
        </p>
      ) : null}
    </section>
  );
}
