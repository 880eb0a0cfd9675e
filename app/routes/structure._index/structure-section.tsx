import type { SerializeFrom } from "@remix-run/node";
import { EligibilityNotice } from "~/eligibility/eligibility-notice";
import type { StructureEligibility } from "~/eligibility/rules.server";
import type { FormAnswer } from "~/http/answers.server";
import { structureKindLabels } from "~/structures/kinds";
import { formatPhone } from "~/structures/schemas";
import type { StructureSpace } from "~/structures/space.server";
import { structureStatusExplanations, structureStatusLabels, type StructureStatus } from "~/structures/statuses";
import { formatDate } from "~/infra/paris-time";
import { formatSiret } from "~/organisations/siret";
import { DocumentsSection } from "./documents-section";
import { MembersSection } from "./members-section";

export type SpaceItem = SerializeFrom<StructureSpace & { eligibility: StructureEligibility }>;

const alertKind: Record<StructureStatus, string> = {
  pending: "info",
  information_requested: "warning",
  verified: "success",
  rejected: "error",
};

/** One of the person's structures: its status, its details, its documents and its members. */
export function StructureSection({ space, answer }: { space: SpaceItem; answer: SerializeFrom<FormAnswer> | undefined }) {
  const { structure } = space;
  return (
    <section className="fr-mt-6w" id={`structure-${structure.id}`} aria-labelledby={`structure-${structure.id}-titre`}>
      <h2 id={`structure-${structure.id}-titre`}>{structure.legalName}</h2>
      <div className={`fr-alert fr-alert--${alertKind[structure.status]} fr-mb-3w`}>
        <h3 className="fr-alert__title">
          {structureStatusLabels[structure.status]} <span className="fr-text--sm">(depuis le {formatDate(structure.statusAt)})</span>
        </h3>
        <p>{structureStatusExplanations[structure.status]}</p>
        {structure.statusReason ? (
          <p>
            {structure.status === "rejected" ? "Motif du refus" : "Message de l'instructeur"} : « {structure.statusReason} »
          </p>
        ) : null}
        {structure.status === "information_requested" ? (
          <p>
            <a className="fr-link" href={`/structure/reponse?structure=${structure.id}`}>
              Répondre à l'instructeur
            </a>
          </p>
        ) : null}
      </div>
      <EligibilityNotice verdict={space.eligibility.verdict} rule={space.eligibility.rules} />
      <p>
        <a className="fr-link fr-icon-arrow-right-line fr-link--icon-left" href={`/structure/commandes?structure=${structure.id}`}>
          Commandes de la structure
        </a>
      </p>
      <h3 className="fr-h5">Informations de la structure</h3>
      <dl className="fr-mb-3w">
        <dt className="fr-text--bold">SIRET</dt>
        <dd>{formatSiret(structure.siret)}</dd>
        <dt className="fr-text--bold">Type</dt>
        <dd>{structureKindLabels[structure.kind]}</dd>
        <dt className="fr-text--bold">Commune</dt>
        <dd>
          {structure.communeName} (département {structure.departementCode}, code INSEE {structure.communeCode})
        </dd>
        <dt className="fr-text--bold">Adresse de livraison</dt>
        <dd>{`${structure.address}, ${structure.postalCode} ${structure.communeName}`}</dd>
        <dt className="fr-text--bold">Personne à contacter</dt>
        <dd>{`${structure.contactName}, ${formatPhone(structure.contactPhone)}`}</dd>
        <dt className="fr-text--bold">Inscrite le</dt>
        <dd>{formatDate(structure.createdAt)}</dd>
      </dl>
      <DocumentsSection structureId={structure.id} documents={space.documents} editable={structure.status !== "verified"} />
      <MembersSection
        structureId={structure.id}
        members={space.members}
        invitations={space.invitations}
        answer={answer?.values.structureId === String(structure.id) ? answer : undefined}
      />
    </section>
  );
}
