// The national programme on an empty database (issue 11): accounts, the contest up to its published
// results, the catalogue, the campaign split over the 101 départements, structures, makers and
// 100,000 order lines in every state. The big tables are written with COPY from rows generated in
// memory (contest-rows.ts, distribution-rows.ts); the few steps whose figures other steps derive
// from — the contest, the seal, the publication, the campaign's split, its rules, the offers — go
// through the domain functions, so they are exactly what the portal would have written. All in one
// transaction: the seed lands whole or not at all.
import type postgres from "postgres";
import { hashPassword } from "../../app/accounts/passwords.server";
import { addKit, setOffer } from "../../app/catalogue/kits.server";
import { createContest } from "../../app/contest/contests.server";
import { defaultAudiences, defaultCriteria, defaultLimits, defaultThemes } from "../../app/contest/defaults";
import { setRules } from "../../app/eligibility/rules.server";
import { createCampaign } from "../../app/envelope/campaigns.server";
import { advanceLedgerCheckpoints } from "../../app/envelope/ledger-checkpoints.server";
import type { BlobStore } from "../../app/infra/blobs/blob-store";
import { Conflict } from "../../app/infra/domain-errors";
import { publishResults } from "../../app/results/publication.server";
import { sealScores } from "../../app/results/seal.server";
import { deliberate } from "../../app/results/snapshot";
import { structureKinds } from "../../app/structures/kinds";
import { accountRows, membershipRows } from "./account-rows";
import { chainedAuditRows, type ChainHead } from "./audit-rows";
import { contestRows, decisionRows } from "./contest-rows";
import { copyRows, type TableRows } from "./copy";
import { distributionRows, type Commune } from "./distribution-rows";
import { storeOriginals, storeSeedPhotos } from "./images";
import { nationalSizes, type NationalSizes } from "./sizes";

const DAY = 86_400_000;

/** €40M at scale 1: the programme's envelope, scaled with everything else. */
const NATIONAL_CAP_CENTS = 40_000_000_00;
/** What one structure may order in the campaign (the rule's cap). */
export const STRUCTURE_CAP = { cents: 4_000_00, units: 12 };
/** How many laureates are offered in the catalogue. */
export const CATALOGUE_KITS = 3;

export type NationalSeedOptions = {
  seed: number;
  scale: number;
  /** The instant the programme is seen at: every date of the data is before it. */
  now: Date;
  /** Every account's password (one hash for all). */
  password: string;
  store: BlobStore;
  log?: (message: string) => void;
};

export type NationalSeedReport = { sizes: NationalSizes; counts: Record<string, number>; contestSlug: string; campaignId: number };

/** The database is not empty: the national seed only fills a new one. */
export class DatabaseNotEmpty extends Conflict {}

async function refuseNonEmpty(sql: postgres.Sql | postgres.TransactionSql) {
  const [found] = await sql<{ users: number; contests: number; structures: number; campaigns: number }[]>`
    select (select count(*) from users)::int as users, (select count(*) from contests)::int as contests,
           (select count(*) from structures)::int as structures, (select count(*) from distribution_campaigns)::int as campaigns`;
  if (found!.users + found!.contests + found!.structures + found!.campaigns > 0)
    throw new DatabaseNotEmpty(
      `La base n'est pas vide (${found!.users} comptes, ${found!.contests} concours, ${found!.structures} structures, ${found!.campaigns} campagnes) : ` +
        "le jeu de données national ne se charge que dans une base neuve. Créez une base vide (ou videz le dossier de la base embarquée), puis relancez.",
    );
}

async function loadTerritory(sql: postgres.Sql) {
  const communes = await sql<Commune[]>`
    select insee_code as code, name, departement_code, population, postal_codes from communes where population > 0 order by insee_code`;
  const departements = await sql<{ code: string; regionCode: string }[]>`select code, region_code from departements order by code`;
  if (departements.length !== 101 || communes.length === 0)
    throw new Error("Les territoires ne sont pas chargés : lancez d'abord les migrations (npm run db:migrate).");
  return { communes, regions: new Map(departements.map((d) => [d.code, d.regionCode])) };
}

export async function seedNational(sql: postgres.Sql, options: NationalSeedOptions): Promise<NationalSeedReport> {
  const log = options.log ?? (() => {});
  const sizes = nationalSizes(options.scale);
  await refuseNonEmpty(sql);
  const now = options.now;
  const at = (days: number) => new Date(Math.floor((now.getTime() + days * DAY) / 3_600_000) * 3_600_000);
  const territory = await loadTerritory(sql);
  log("Photos (sharp) et empreinte du mot de passe…");
  const { photos, originals } = await storeSeedPhotos(options.store);
  const passwordHash = await hashPassword(options.password);
  const counts: Record<string, number> = {};
  const write = async (tx: postgres.TransactionSql, tables: TableRows[]) => {
    for (const table of tables) {
      const started = performance.now();
      await copyRows(tx, table);
      counts[table.table] = (counts[table.table] ?? 0) + table.rows.length;
      log(`  ${table.table} : ${table.rows.length.toLocaleString("fr-FR")} lignes (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  };

  const result = await sql.begin(async (tx) => {
    // Two seeders at once: the second waits, then finds the first one's rows.
    await tx`lock table users in exclusive mode`;
    await refuseNonEmpty(tx);
    log("Comptes…");
    const accounts = accountRows({ seed: options.seed, sizes, departements: [...territory.regions.keys()], passwordHash, createdAt: at(-800) });
    await write(tx, [accounts.users]);
    const calendar = {
      submissionsOpenAt: at(-720),
      submissionsCloseAt: at(-640),
      reviewOpenAt: at(-630),
      reviewCloseAt: at(-560),
      resultsAt: at(-540),
    };
    const contest = await createContest(
      {
        title: "Concours national — Kits d'inclusion numérique",
        slug: "kits-inclusion-national",
        rules: "Le concours récompense des kits prêts à l'emploi pour accompagner les personnes éloignées du numérique.",
        calendar,
        themes: defaultThemes,
        audiences: defaultAudiences,
        criteria: defaultCriteria,
        limits: defaultLimits,
      },
      accounts.adminId,
      tx,
    );
    await write(tx, [membershipRows(accounts, contest.id)]);

    log("Concours : propositions, jury, évaluations…");
    const entries = contestRows({
      seed: options.seed,
      sizes,
      contestId: contest.id,
      criteria: contest.criteria,
      themes: defaultThemes,
      audiences: defaultAudiences,
      calendar,
      adminId: accounts.adminId,
      designerIds: accounts.designerIds,
      jurorIds: accounts.jurorIds,
      photos,
    });
    await write(tx, entries.tables);
    const seal = await sealScores(
      { contestId: contest.id, actorId: accounts.adminId, now: new Date(calendar.reviewCloseAt.getTime() + 3_600_000) },
      tx,
    );
    const ranking = deliberate(seal.snapshot).ranking.map((entry) => Number(entry.entryId));
    await write(tx, [
      decisionRows({
        contestId: contest.id,
        ranking,
        eligible: entries.eligible,
        laureates: sizes.laureates,
        adminId: accounts.adminId,
        decidedAt: new Date(calendar.resultsAt.getTime() - 7 * DAY),
      }),
    ]);
    log("Publication des résultats…");
    await publishResults({ contestId: contest.id, actorId: accounts.adminId, now: calendar.resultsAt }, tx);

    log("Campagne, règles, catalogue…");
    const createdAt = at(-310);
    const campaign = await createCampaign(
      {
        name: "Distribution nationale des kits lauréats",
        nationalCapCents: Math.round(NATIONAL_CAP_CENTS * options.scale),
        reserve: { percent: 5 },
        opensAt: at(-300),
        closesAt: at(65),
        actorId: accounts.adminId,
        now: createdAt,
      },
      tx,
    );
    const rules = await setRules(
      {
        campaignId: campaign.id,
        allowedKinds: structureKinds,
        territory: "everywhere",
        listIds: [],
        franceServicesEverywhere: false,
        capCents: STRUCTURE_CAP.cents,
        capUnits: STRUCTURE_CAP.units,
        reason: "Règles du programme national",
        actorId: accounts.adminId,
        now: createdAt,
      },
      tx,
    );
    const prices = new Map(entries.eligible.map((entry) => [entry.id, entry.unitPriceCents]));
    const kits = [];
    for (const proposalId of ranking.slice(0, CATALOGUE_KITS)) {
      const kit = await addKit({ proposalId, actorId: accounts.adminId, now: createdAt }, tx);
      const unitPriceCents = prices.get(proposalId)!;
      await setOffer(
        { campaignId: campaign.id, kitId: kit.id, unitPriceCents, leadTimeDays: 21, orderable: true, actorId: accounts.adminId, now: createdAt },
        tx,
      );
      const [{ themes }] = await tx<{ themes: string[] }[]>`select draft -> 'themes' as themes from proposals where id = ${proposalId}`;
      kits.push({ id: kit.id, unitPriceCents, themes });
    }

    log("Structures, fabricants, commandes…");
    const caps = await tx<{ departementCode: string; capCents: number }[]>`
      select departement_code, cap_cents from allocations where campaign_id = ${campaign.id}`;
    const [{ movement }] = await tx<{ movement: number }[]>`select nextval('ledger_movements') as movement`;
    const distribution = distributionRows({
      seed: options.seed,
      sizes,
      now,
      campaign: {
        id: campaign.id,
        opensAt: campaign.opensAt,
        ruleVersion: rules.version,
        capCents: STRUCTURE_CAP.cents,
        capUnits: STRUCTURE_CAP.units,
      },
      communes: territory.communes,
      regions: territory.regions,
      caps: new Map(caps.map((row) => [row.departementCode, row.capCents])),
      kits,
      adminId: accounts.adminId,
      instructorIds: accounts.instructorIds,
      structureMemberIds: accounts.structureMemberIds,
      makerMemberIds: accounts.makerMemberIds,
      firstMovementId: movement,
    });
    await write(tx, distribution.tables);
    // The allocations' counters are what the orders imply (the ledger entries say the same).
    const totals = [...distribution.allocations];
    await tx`
      update allocations a
      set reserved_cents = v.reserved, committed_cents = v.committed, spent_cents = v.spent
      from unnest(${totals.map(([code]) => code)}::text[], ${totals.map(([, t]) => t.reservedCents)}::bigint[],
                  ${totals.map(([, t]) => t.committedCents)}::bigint[], ${totals.map(([, t]) => t.spentCents)}::bigint[])
           as v(code, reserved, committed, spent)
      where a.campaign_id = ${campaign.id} and a.departement_code = v.code`;
    await tx`select setval('ledger_movements', ${distribution.nextMovementId - 1})`;
    const heads = await tx<({ chain: string } & ChainHead)[]>`select chain, last_id, last_hash from audit_head`;
    const audit = chainedAuditRows(distribution.audit, new Map(heads.map(({ chain, ...head }) => [chain, head])));
    for (const [chain, head] of audit.heads) {
      await tx`
        insert into audit_head (chain, last_id, last_hash) values (${chain}, ${head.lastId}, ${head.lastHash})
        on conflict (chain) do update set last_id = excluded.last_id, last_hash = excluded.last_hash`;
    }
    // After the heads: each entry names its chain's head row.
    await write(tx, [audit.log]);
    // Rows copied with their ids: each identity continues after the largest.
    for (const table of [
      "users",
      "proposals",
      "proposal_files",
      "assignment_runs",
      "structures",
      "makers",
      "orders",
      "routing_runs",
      "fulfilments",
      "shipments",
    ]) {
      await tx`select setval(pg_get_serial_sequence(${table}, 'id'), greatest((select max(id) from ${tx(table)}), 1))`;
    }
    await tx`select setval('receipt_number_seq', greatest((select count(*) from proposal_versions), 1))`;
    return { contestSlug: contest.slug, campaignId: campaign.id, files: entries.originals };
  });

  log("Originaux des photos…");
  await storeOriginals(options.store, result.files, originals);
  log("Points de contrôle du grand livre…");
  await advanceLedgerCheckpoints({ full: true, now }, sql);
  log("Statistiques du planificateur (vacuum analyze)…");
  await sql`vacuum analyze`;
  return { sizes, counts, contestSlug: result.contestSlug, campaignId: result.campaignId };
}
