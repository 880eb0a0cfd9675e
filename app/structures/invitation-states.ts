// Where an invitation to join a structure stands, and why a closed one cannot be accepted.

export type InvitationState = "open" | "expired" | "accepted" | "revoked";

export const closedInvitationMessages: Record<Exclude<InvitationState, "open">, string> = {
  expired: "Cette invitation a expiré : demandez à la personne qui vous a invité de vous en envoyer une nouvelle.",
  accepted: "Cette invitation a déjà été utilisée. Si c'était par vous, la structure figure dans votre espace structure.",
  revoked: "Cette invitation a été retirée par un membre de la structure.",
};
