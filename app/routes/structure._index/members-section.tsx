import { Form } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { FormAnswer } from "~/http/answers.server";
import { formatDate } from "~/infra/paris-time";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";
import type { SpaceItem } from "./structure-section";

/** The structure's members, its pending invitations (each may be withdrawn) and the form to invite a colleague. */
export function MembersSection({
  structureId,
  members,
  invitations,
  answer,
}: {
  structureId: number;
  members: SpaceItem["members"];
  invitations: SpaceItem["invitations"];
  answer: SerializeFrom<FormAnswer> | undefined;
}) {
  const error = answer?.errors.email ?? answer?.errors._form ?? answer?.errors.invitationId;
  return (
    <section className="fr-mb-4w" id={`membres-${structureId}`} aria-labelledby={`membres-${structureId}-titre`}>
      <h3 className="fr-h5" id={`membres-${structureId}-titre`}>
        Membres
      </h3>
      <ul>
        {members.map((member) => (
          <li key={member.userId}>
            {member.name} ({member.email}), depuis le {formatDate(member.since)}
          </li>
        ))}
      </ul>
      {invitations.length > 0 ? (
        <>
          <h4 className="fr-h6">Invitations en attente</h4>
          <ul className="fr-raw-list">
            {invitations.map((invitation) => {
              return (
                <li key={invitation.id} className="fr-mb-1w">
                  {invitation.email}, invitée par {invitation.invitedByName} le {formatDate(invitation.createdAt)} —{" "}
                  {invitation.expired
                    ? "expirée : invitez à nouveau cette adresse pour envoyer un nouveau lien"
                    : `valable jusqu'au ${formatDate(invitation.expiresAt)}`}
                  <Form method="post" className="fr-mt-1v">
                    <input type="hidden" name="structureId" value={structureId} />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" type="submit" name="intent" value="revoke">
                      Retirer l'invitation de {invitation.email}
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <ErrorSummary errors={answer?.errors} labels={{}} />
      <Form method="post" noValidate className="fr-mt-2w">
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <input type="hidden" name="structureId" value={structureId} />
        <Field
          label="Inviter une ou un collègue"
          name="email"
          id={`champ-email-${structureId}`}
          type="email"
          autoComplete="off"
          hint={`Son adresse électronique, par exemple nom@exemple.fr. Le lien reçu est valable 14 jours ; la personne se connecte (ou crée son compte) avec cette adresse.`}
          defaultValue={answer?.values.email}
          maxLength={254}
          error={error}
        />
        <SubmitButton secondary>Envoyer l'invitation</SubmitButton>
      </Form>
    </section>
  );
}
