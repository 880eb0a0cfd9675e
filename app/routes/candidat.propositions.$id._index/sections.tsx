import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatParis } from "~/infra/paris-time";
import { isUploadFailure, uploadFailures } from "~/media/upload-outcomes";
import type { Missing } from "~/submissions/schemas";
import { statusLabels, type ProposalStatus } from "~/submissions/statuses";
import { BackLink } from "~/ui/back-link";
import { Notice } from "~/ui/form";

type Heading = { id: number; title: string; status: ProposalStatus; currentVersion: number };

export function ProposalHeading({ proposal, contestTitle }: { proposal: Heading; contestTitle: string }) {
  return (
    <>
      <BackLink to="/candidat">Mes propositions</BackLink>
      <h1>{proposal.title || "Nouvelle proposition"}</h1>
      <p>
        <span className="fr-badge fr-badge--no-icon">{statusLabels[proposal.status]}</span>
        {proposal.currentVersion ? ` Version déposée : ${proposal.currentVersion}.` : null} Concours : {contestTitle}.
      </p>
    </>
  );
}

/** A file refused without JavaScript: the page says why, from the key in its address. */
export function UploadFailureNotice() {
  const [search] = useSearchParams();
  const key = search.get("fichiers");
  if (!isUploadFailure(key)) return null;
  return <Notice kind="error" title={uploadFailures[key]} />;
}

/** What the jury decided, whether the proposal was ruled ineligible, and until when it may change. */
export function ProposalState({
  proposal,
  closesAt,
  decision,
  editable,
  left,
}: {
  proposal: { status: ProposalStatus; ineligibilityReason: string | null };
  closesAt: string | Date;
  decision: { outcome: "laureate" | "not_retained"; motivation: string } | null;
  editable: boolean;
  left: string | null;
}) {
  const closes = formatParis(new Date(closesAt));
  return (
    <>
      {decision ? (
        <Notice
          kind={decision.outcome === "laureate" ? "success" : "info"}
          title={decision.outcome === "laureate" ? "Votre kit est lauréat du concours" : "Votre kit n'a pas été retenu"}
        >
          <p>Motivation du jury : {decision.motivation}</p>
        </Notice>
      ) : null}
      {proposal.status === "ineligible" && proposal.ineligibilityReason ? (
        <Notice kind="warning" title="Votre proposition a été déclarée irrecevable">
          <p>{proposal.ineligibilityReason}</p>
        </Notice>
      ) : null}
      {editable ? (
        <p>
          Vous pouvez modifier et déposer votre proposition jusqu'au {closes} (heure de Paris)
          {left ? `, soit encore ${left}` : ""}. Chaque dépôt crée une nouvelle version et un nouveau récépissé.
        </p>
      ) : (
        <Notice kind="info" title="Cette proposition ne peut plus être modifiée">
          <p>{proposal.status === "withdrawn" ? "Elle a été retirée." : `Les candidatures sont closes depuis le ${closes} (heure de Paris).`}</p>
        </Notice>
      )}
    </>
  );
}

export function MissingCallout({ missing }: { missing: Missing[] }) {
  return (
    <div className="fr-callout fr-mb-4w">
      <h2 className="fr-callout__title">Avant de déposer</h2>
      <ul className="fr-callout__text">
        {missing.map((m) => (
          <li key={m.field}>{m.message}</li>
        ))}
      </ul>
    </div>
  );
}

export function SubmitSection() {
  return (
    <Section id="depot" title="Déposer">
      <p>Le dépôt enregistre d'abord ce que vous avez saisi ci-dessus, puis fige une version et vous remet un récépissé.</p>
      <button className="fr-btn" type="submit" form="formulaire-proposition" name="intent" value="submit">
        Déposer cette version
      </button>
    </Section>
  );
}

export function VersionsSection({
  proposalId,
  versions,
}: {
  proposalId: number;
  versions: { version: number; receiptNumber: string; submittedAt: string | Date }[];
}) {
  return (
    <Section id="versions" title="Versions déposées">
      {versions.length === 0 ? (
        <p>Aucune version déposée pour le moment.</p>
      ) : (
        <ul>
          {versions.map((v) => (
            <li key={v.version}>
              <Link to={`/candidat/propositions/${proposalId}/recepisse/${v.version}`}>
                Version {v.version} — récépissé {v.receiptNumber}
              </Link>{" "}
              — déposée le {formatParis(new Date(v.submittedAt))}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function WithdrawSection() {
  return (
    <Section id="retrait" title="Retirer la proposition">
      <Form method="post">
        <div className="fr-checkbox-group fr-mb-2w">
          <input type="checkbox" id="champ-confirm" name="confirm" value="oui" />
          <label className="fr-label" htmlFor="champ-confirm">
            Je retire cette proposition du concours ; elle ne pourra plus être modifiée ni déposée.
          </label>
        </div>
        <button className="fr-btn fr-btn--tertiary" type="submit" name="intent" value="withdraw">
          Retirer la proposition
        </button>
      </Form>
    </Section>
  );
}

/** A section of the proposal page below the form, its heading labelling it. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="fr-mt-6w" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
