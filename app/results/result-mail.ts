// The e-mail each candidate of an eligible entry receives when the results are published: the
// decision, the jury's motivation, their kit's mean score per criterion (from the sealed snapshot)
// and the jurors' comments meant for them, unsigned. Plain text, in French. Pure.
import { formatEuros } from "~/money/euros";
import type { DecisionOutcome } from "./decision-schemas";
import { formatScore } from "./figures";
import type { SealedCriterion } from "./snapshot";

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export type ResultMailInput = {
  to: { email: string; name: string };
  contestTitle: string;
  kitTitle: string;
  outcome: DecisionOutcome;
  motivation: string;
  finalUnitPriceCents: number | null;
  finalMonthlyCapacity: number | null;
  criteria: SealedCriterion[];
  criterionMeans: Record<string, number | null>;
  /** Mean of the reviews' weighted totals, 0–5; null without reviews. */
  overall: number | null;
  reviewCount: number;
  commentsForCandidate: string[];
  resultsUrl: string;
  spaceUrl: string;
};

export function resultMail(input: ResultMailInput) {
  const laureate = input.outcome === "laureate";
  const lines = [
    `Bonjour ${input.to.name},`,
    "",
    laureate ? "Le jury a retenu votre proposition : elle est lauréate. Félicitations !" : "Le jury n'a pas retenu votre proposition.",
    "",
    `Concours : ${input.contestTitle}`,
    `Proposition : ${input.kitTitle}`,
    "",
    "Motivation du jury :",
    input.motivation,
  ];
  if (laureate && input.finalUnitPriceCents !== null) {
    lines.push(
      "",
      `Prix unitaire final retenu : ${formatEuros(input.finalUnitPriceCents)}`,
      `Capacité de production mensuelle confirmée : ${input.finalMonthlyCapacity?.toLocaleString("fr-FR")} kits par mois`,
    );
  }
  if (input.reviewCount > 0) {
    lines.push("", `Notes moyennes de votre proposition (sur 5, ${input.reviewCount} évaluation${input.reviewCount > 1 ? "s" : ""}) :`);
    for (const criterion of input.criteria) {
      lines.push(`- ${criterion.label} : ${formatScore(input.criterionMeans[criterion.id] ?? null)}`);
    }
    lines.push(`- Note globale pondérée : ${formatScore(input.overall)}`);
  }
  if (input.commentsForCandidate.length > 0) {
    lines.push("", "Commentaires des membres du jury :");
    for (const comment of input.commentsForCandidate) lines.push(`« ${comment} »`);
  }
  lines.push("", `Les kits lauréats sont présentés sur ${input.resultsUrl}`, `Votre espace candidat : ${input.spaceUrl}`);
  return {
    to: input.to.email,
    // Titles are quoted already (« Le coffret « … » ») and of any gender: the sentence agrees with
    // « votre proposition », and the title follows it unquoted.
    subject: `Résultats du concours : votre proposition ${laureate ? "est lauréate" : "n'est pas retenue"} — ${input.kitTitle}`,
    text: lines.join("\n") + signature,
  };
}
