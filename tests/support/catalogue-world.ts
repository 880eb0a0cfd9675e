// Laureates for the catalogue's tests: a contest taken through its results the way the portal does
// (submissions, eligibility, seal, decisions, publication), with two laureates of distinct themes
// and audiences and one entry not retained.
import { randomBytes } from "node:crypto";
import { createCampaign } from "~/envelope/campaigns.server";
import type { Sql } from "~/infra/db.server";
import { recordDecision } from "~/results/decisions.server";
import { publishResults } from "~/results/publication.server";
import { sealScores } from "~/results/seal.server";
import type { ProposalDraft } from "~/submissions/schemas";
import { afterReview } from "./calendar";
import { contestWithAdmin, submittedProposal } from "./fixtures";

export type LaureatesWorld = {
  contestId: number;
  adminId: number;
  /** Laureate, « Réseaux sociaux » for « Personnes âgées », jury price 199,00 €. */
  coffret: { id: number; ownerId: number; title: string };
  /** Laureate, « Achats en ligne » for « Jeunes », jury price 64,50 €. */
  jeu: { id: number; ownerId: number; title: string };
  /** Eligible, not retained. */
  refused: { id: number; ownerId: number; title: string };
};

/**
 * A contest with decisions on its three eligible entries, published unless told; `addFiles` gives
 * each entry its files before submission (one ready photo otherwise).
 */
export async function laureatesWorld(
  sql: Sql,
  options: { publish?: boolean; addFiles?: (proposalId: number, ownerId: number) => Promise<unknown> } = {},
): Promise<LaureatesWorld> {
  const { contest, adminId } = await contestWithAdmin(sql);
  const tag = randomBytes(3).toString("hex");
  const entry = async (title: string, draft: Partial<ProposalDraft>) => {
    const { proposalId, ownerId } = await submittedProposal(sql, contest.id, {
      draft: { title, ...draft },
      addFiles: options.addFiles,
      eligibleBy: adminId,
    });
    return { id: proposalId, ownerId, title };
  };
  const coffret = await entry(`Coffret ${tag}`, { themes: ["Réseaux sociaux"], audiences: ["Personnes âgées"], leadTimeDays: 21 });
  const jeu = await entry(`Jeu ${tag}`, { themes: ["Achats en ligne"], audiences: ["Jeunes"], leadTimeDays: 10 });
  const refused = await entry(`Écarté ${tag}`, {});
  await sealScores({ contestId: contest.id, actorId: adminId, now: afterReview }, sql);
  const decide = (proposalId: number, priceCents: number | null) =>
    recordDecision(
      {
        contestId: contest.id,
        proposalId,
        actorId: adminId,
        now: afterReview,
        decision:
          priceCents === null
            ? {
                outcome: "not_retained",
                motivation: "Le kit demande une formation trop longue.",
                finalUnitPriceCents: null,
                finalMonthlyCapacity: null,
              }
            : { outcome: "laureate", motivation: "Un kit complet et simple à animer.", finalUnitPriceCents: priceCents, finalMonthlyCapacity: 100 },
      },
      sql,
    );
  await decide(coffret.id, 19_900);
  await decide(jeu.id, 6_450);
  await decide(refused.id, null);
  if (options.publish !== false) await publishResults({ contestId: contest.id, actorId: adminId, now: afterReview }, sql);
  return { contestId: contest.id, adminId, coffret, jeu, refused };
}

const DAY = 86_400_000;

/** A distribution campaign whose ordering opened a day before `now` and closes `days` later (90 unless told). */
export function openCampaign(sql: Sql, name: string, options: { now?: Date; days?: number } = {}) {
  const now = options.now ?? new Date();
  return createCampaign(
    {
      name,
      nationalCapCents: 40_000_000_00,
      reserve: { percent: 5 },
      opensAt: new Date(now.getTime() - DAY),
      closesAt: new Date(now.getTime() + (options.days ?? 90) * DAY),
      actorId: null,
      now,
    },
    sql,
  );
}
