// The open-data files of the demo programme, written by the worker's task run directly: each says
// what its schema says, the envelope's split is recomputed from two of them alone and gives the
// published figures, no file holds a seeded person's name, e-mail or phone, and a file is written
// again only when its data changed.
import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseCrontab, type JobHelpers } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

const blobDir = await vi.hoisted(async () => (await import("../../support/temp-blob-dir")).tempBlobDir("kits-open-data-"));

import { allocate } from "~/envelope/allocate";
import { latestCampaign, listAllocations } from "~/envelope/campaigns.server";
import { moveFunds } from "~/envelope/ledger.server";
import { db } from "~/infra/db.server";
import { crontab, taskList } from "~/jobs.server";
import { openDataNames, openDataSet, type OpenDataName } from "~/open-data/datasets";
import { generateOpenData, gzipKeyOf } from "~/open-data/files.server";
import { listPublishedResults } from "~/results/publication.server";
import { seedDemo } from "../../../db/seed";
import { centsOf, readRecords, schemaViolations } from "../../support/open-data-reader";

type FileRow = {
  name: OpenDataName;
  blobKey: string;
  previousBlobKey: string | null;
  byteSize: number;
  rowCount: number;
  sha256: string;
  generatedAt: Date;
};

const fileRows = () => db<FileRow[]>`select * from open_data_files order by name`;
const bytesOf = (key: string) => readFile(path.join(blobDir, key));

async function recordsOf(name: OpenDataName) {
  const [row] = await db<FileRow[]>`select * from open_data_files where name = ${name}`;
  return readRecords((await bytesOf(row.blobKey)).toString("utf8"), openDataSet(name).fields);
}

beforeAll(async () => {
  expect(await seedDemo(db)).not.toBeNull();
  await taskList.generate_open_data!({}, {} as JobHelpers);
}, 180_000);

afterAll(async () => {
  await rm(blobDir, { recursive: true, force: true });
});

describe("the open-data files", () => {
  test("the worker's schedule runs the task every five minutes", () => {
    const item = parseCrontab(crontab).find((entry) => entry.task === "generate_open_data");
    expect(item?.match).toBeDefined();
    expect([0, 5, 55].map((minute) => item!.match({ min: minute, hour: 3, date: 1, month: 1, dow: 2 }))).toEqual([true, true, true]);
    expect(item!.match({ min: 7, hour: 3, date: 1, month: 1, dow: 2 })).toBe(false);
  });

  test("the worker's task writes the four files: row count, size and SHA-256 are those of the bytes stored", async () => {
    const rows = await fileRows();
    expect(rows.map((row) => row.name).sort()).toEqual([...openDataNames].sort());
    for (const row of rows) {
      const bytes = await bytesOf(row.blobKey);
      expect(bytes.length, row.name).toBe(row.byteSize);
      expect(createHash("sha256").update(bytes).digest("hex"), row.name).toBe(row.sha256);
      expect(bytes.subarray(0, 3).toString("hex"), "no byte-order mark").not.toBe("efbbbf");
      expect((await recordsOf(row.name)).length, row.name).toBe(row.rowCount);
      expect(row.rowCount, `${row.name} has rows in the demo`).toBeGreaterThan(0);
    }
  });

  test("every value is what the file's Table Schema says: types, constraints, a primary key that never repeats", async () => {
    for (const name of openDataNames) {
      const set = openDataSet(name);
      expect(schemaViolations(await recordsOf(name), set.fields, set.primaryKey), name).toEqual([]);
    }
  });

  test("the envelope's split, recomputed from the ledger and allocation files alone, gives the published caps", async () => {
    const ledger = await recordsOf("grand-livre");
    const allocations = await recordsOf("allocations-departements");
    const campaign = (await latestCampaign())!;
    const ofCampaign = <T extends Record<string, string>>(rows: T[]) => rows.filter((row) => row.campagne === String(campaign.id));
    const sumBy = (rows: Record<string, string>[], column: string) => rows.reduce((sum, row) => sum + centsOf(row[column]), 0n);

    const split = ofCampaign(ledger).filter((row) => row.nature === "partage");
    const nationalCap = sumBy(split, "plafond_euros");
    const initialReserve = sumBy(
      split.filter((row) => row.code_departement === ""),
      "plafond_euros",
    );
    const weights = new Map(ofCampaign(allocations).map((row) => [row.code_departement, BigInt(row.poids)]));
    const shares = allocate(nationalCap - initialReserve, weights, { floorCents: centsOf(ofCampaign(allocations)[0].plancher_euros) });
    const moved = (code: string) =>
      sumBy(
        ofCampaign(ledger).filter((row) => row.nature === "deplacement" && row.code_departement === code),
        "plafond_euros",
      );
    const recomputed = Object.fromEntries(shares.map((share) => [share.code, share.cents + moved(share.code)]));

    const published = await listAllocations(campaign.id);
    expect(published).toHaveLength(101);
    expect(nationalCap).toBe(BigInt(campaign.nationalCapCents));
    expect(recomputed).toEqual(Object.fromEntries(published.map((allocation) => [allocation.departementCode, BigInt(allocation.capCents)])));
    // And the file's own figures agree with the ledger, counter by counter.
    for (const row of ofCampaign(allocations)) {
      const entries = ofCampaign(ledger).filter((entry) => entry.code_departement === row.code_departement);
      expect(centsOf(row.plafond_euros), row.code_departement).toBe(recomputed[row.code_departement]);
      for (const column of ["reserve_euros", "engage_euros", "depense_euros"]) {
        expect(centsOf(row[column]), `${row.code_departement} ${column}`).toBe(sumBy(entries, column));
      }
    }
    expect(published.some((allocation) => allocation.spentCents > 0)).toBe(true);
  });

  test("the deliveries add up to what the ledger says was spent, commune by commune into départements", async () => {
    const deliveries = await recordsOf("livraisons-communes");
    const ledger = await recordsOf("grand-livre");
    const byDepartement = (rows: Record<string, string>[], column: string) => {
      const sums: Record<string, bigint> = {};
      for (const row of rows) sums[row.code_departement] = (sums[row.code_departement] ?? 0n) + centsOf(row[column]);
      return Object.fromEntries(Object.entries(sums).filter(([, cents]) => cents !== 0n));
    };
    expect(byDepartement(deliveries, "montant_euros")).toEqual(byDepartement(ledger, "depense_euros"));
    const [{ units }] = await db<{ units: number }[]>`select coalesce(sum(received_units), 0)::int as units from shipment_receipt_lines`;
    expect(deliveries.reduce((sum, row) => sum + Number(row.unites), 0)).toBe(units);
  });

  test("the contest's results are the laureates and scores /laureats shows, ranked by overall score", async () => {
    const results = await recordsOf("resultats-concours");
    const published = await listPublishedResults();
    const laureates = published.flatMap((contest) => contest.laureates);
    expect(laureates.length).toBeGreaterThan(0);
    for (const laureate of laureates) {
      const rows = results.filter((row) => row.proposition === String(laureate.proposalId));
      expect(rows.map((row) => row.libelle_critere)).toEqual(laureate.means.map((mean) => mean.criterion));
      expect(new Set(rows.map((row) => `${row.titre_kit}|${row.organisation}|${row.evaluations}`))).toEqual(
        new Set([`${laureate.title}|${laureate.organisationName}|${laureate.reviewCount}`]),
      );
      rows.forEach((row, i) => expect(Number(row.note_critere)).toBeCloseTo(laureate.means[i].mean!, 3));
      expect(Number(rows[0].note_globale)).toBeCloseTo(laureate.overall!, 3);
    }
    const firsts = results.filter((row) => row.rang === "1");
    const best = Math.max(...laureates.map((laureate) => laureate.overall ?? 0));
    expect(firsts.every((row) => Math.abs(Number(row.note_globale) - best) < 1e-3)).toBe(true);
    const notRetained = await db<{ proposalId: number }[]>`select proposal_id from decisions where outcome <> 'laureate'`;
    expect(notRetained.length).toBeGreaterThan(0);
    for (const { proposalId } of notRetained) expect(results.some((row) => row.proposition === String(proposalId))).toBe(false);
  });

  test("no file holds a seeded person's name, e-mail or phone number", async () => {
    const personal = await db<{ value: string }[]>`
      select email as value from users union select name from users
      union select contact_name from structures union select contact_phone from structures
      union select contact_name from makers union select contact_phone from makers
      union select email from structure_invitations union select signatory_name from shipment_receipts`;
    expect(personal.length).toBeGreaterThan(20);
    for (const row of await fileRows()) {
      const text = (await bytesOf(row.blobKey)).toString("utf8").toLowerCase();
      const found = personal.map((p) => p.value).filter((value) => text.includes(value.toLowerCase()));
      expect(found, row.name).toEqual([]);
    }
  });

  test("a file is written again only when its data changed; the blob before the previous one leaves the store", async () => {
    const before = await fileRows();
    expect(await generateOpenData({ now: new Date() })).toEqual([]);
    expect(await fileRows()).toEqual(before);

    const campaign = (await latestCampaign())!;
    const [{ id: adminId }] = await db<{ id: number }[]>`select id from users where email = 'gestionnaire@demo.kits-inclusion.fr'`;
    const move = () =>
      moveFunds({
        campaignId: campaign.id,
        from: "reserve",
        to: { departementCode: "15" },
        cents: 1_00,
        reason: "Essai des données ouvertes",
        actorId: adminId,
        now: new Date(),
      });
    await move();
    const first = (await generateOpenData({ now: new Date() })).map((file) => file.name).sort();
    expect(first).toEqual(["allocations-departements", "grand-livre"]);
    const ledgerRow = (rows: FileRow[]) => rows.find((row) => row.name === "grand-livre")!;
    const original = ledgerRow(before);
    const second = ledgerRow(await fileRows());
    expect(second.previousBlobKey).toBe(original.blobKey);
    expect((await bytesOf(original.blobKey)).length, "a download of the previous file can still finish").toBe(original.byteSize);
    const moved = (await recordsOf("grand-livre")).filter((row) => row.nature === "deplacement" && row.code_departement === "15");
    expect(moved.at(-1)?.plafond_euros).toBe("1.00");

    await move();
    await generateOpenData({ now: new Date() });
    await expect(bytesOf(original.blobKey)).rejects.toThrow(/ENOENT/);
    await expect(bytesOf(gzipKeyOf(original.blobKey)), "its compressed copy goes with it").rejects.toThrow(/ENOENT/);
    expect((await bytesOf(second.blobKey)).length).toBe(second.byteSize);
    expect(gunzipSync(await bytesOf(gzipKeyOf(second.blobKey)))).toEqual(await bytesOf(second.blobKey));
  });
});
