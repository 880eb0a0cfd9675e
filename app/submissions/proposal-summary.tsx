import { formatEuros } from "~/money/euros";
import type { ProposalDraft } from "./schemas";

/**
 * A proposal's fields, read-only. `showIdentity` adds the team and the organisation: admins and
 * the candidate see them; jurors never do.
 */
export function ProposalSummary({ draft, showIdentity }: { draft: ProposalDraft; showIdentity: boolean }) {
  const dash = "—";
  return (
    <dl className="kits-summary">
      <dt>Résumé</dt>
      <dd>{draft.pitch || dash}</dd>
      <dt>Description</dt>
      <dd style={{ whiteSpace: "pre-wrap" }}>{draft.description || dash}</dd>
      <dt>Thèmes</dt>
      <dd>{draft.themes.join(", ") || dash}</dd>
      <dt>Publics</dt>
      <dd>{draft.audiences.join(", ") || dash}</dd>
      <dt>Contenu du kit</dt>
      <dd>
        {draft.items.length ? (
          <ul>
            {draft.items.map((item, i) => (
              <li key={i}>
                {item.quantity} × {item.name}
                {item.purpose ? ` — ${item.purpose}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          dash
        )}
      </dd>
      <dt>Prix unitaire estimé</dt>
      <dd>{draft.unitPrice === null ? dash : formatEuros(draft.unitPrice)}</dd>
      <dt>Capacité de production mensuelle</dt>
      <dd>{draft.monthlyCapacity ?? dash}</dd>
      <dt>Délai de fabrication</dt>
      <dd>{draft.leadTimeDays === null ? dash : `${draft.leadTimeDays} jours`}</dd>
      <dt>Licence des plans et contenus</dt>
      <dd>{draft.licence || dash}</dd>
      <dt>Accessibilité</dt>
      <dd style={{ whiteSpace: "pre-wrap" }}>{draft.accessibility || dash}</dd>
      <dt>Note environnementale</dt>
      <dd style={{ whiteSpace: "pre-wrap" }}>{draft.environment || dash}</dd>
      {showIdentity ? (
        <>
          <dt>Équipe</dt>
          <dd>
            {draft.team.length ? (
              <ul>
                {draft.team.map((member, i) => (
                  <li key={i}>
                    {member.name}
                    {member.role ? ` — ${member.role}` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              dash
            )}
          </dd>
          <dt>Organisation</dt>
          <dd>
            {draft.organisationName ? `${draft.organisationName}${draft.organisationSiret ? ` (SIRET ${draft.organisationSiret})` : ""}` : dash}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
