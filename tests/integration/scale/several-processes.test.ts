// The portal as several processes (run `npx remix build` first): two web processes with WORKER=off
// and one worker (`server/worker.ts`), started together on one empty PostgreSQL database, one
// S3-protocol store (s3rver) and one SMTP peer, every web process with the same PUBLIC_URL behind
// a proxy on the loopback (TRUST_PROXY=loopback), as behind a load balancer. Nothing a person does
// may depend on which process answers: sessions, second factors, login limits, jobs, files, public
// pages' validators, and the envelope under concurrent orders.
import { SMTPServer } from "smtp-server";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { departementScope } from "~/accounts/roles";
import { newTotpSecret, totpCode } from "~/accounts/totp";
import { connect } from "~/infra/postgres.server";
import { listStructureDocuments } from "~/structures/structure-files.server";
import { readMigrations } from "../../../db/migrate";
import { PortalClient, textOf } from "../accounts/http-client";
import { createTestDatabase } from "../../support/database";
import { loadStructures, preparedCampaign, run, workload } from "../../support/envelope-load";
import { expectTheEnvelopeHeld, sendOrderForm } from "../../support/envelope-load-http";
import { eventually } from "../../support/eventually";
import { createPerson, createStructure, PASSWORD, sessionCookie } from "../../support/fixtures";
import { PDF_AUTHOR, pdfWithMetadata } from "../../support/media-fixtures";
import { ordersWorld } from "../../support/orders-world";
import { freePort } from "../../support/ports";
import { startS3rver } from "../../support/s3rver";
import { startAppProcess, type AppProcess } from "../../support/server";
import { startWorkerProcess, type WorkerProcess } from "../../support/worker-process";

// The address users see, the same for every web process: the only Origin a form may come from.
const PUBLIC_URL = "http://kits.test";
// What the load balancer in front adds to every request it passes on: the address users asked for,
// and the client's address (each test's browser has its own).
const forwarded = (client: number) => ({ "X-Forwarded-Host": new URL(PUBLIC_URL).host, "X-Forwarded-For": `203.0.113.${client}` });

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let s3: Awaited<ReturnType<typeof startS3rver>>;
let sql: postgres.Sql;
let web: [AppProcess, AppProcess];
let worker: WorkerProcess;
const delivered: string[][] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    stream.resume();
    stream.on("end", () => {
      delivered.push(session.envelope.rcptTo.map((r) => r.address));
      callback();
    });
  },
});

beforeAll(async () => {
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", () => resolve()));
  s3 = await startS3rver();
  // Empty, as a new deployment's database is: the processes migrate it as they start.
  database = await createTestDatabase(inject("pgAdminUrl"), "template0");
  const shared = {
    PUBLIC_URL,
    TRUST_PROXY: "loopback",
    BLOB_STORE: "s3",
    S3_ENDPOINT: s3.settings.endpoint!,
    S3_REGION: s3.settings.region,
    S3_BUCKET: s3.settings.bucket,
    S3_ACCESS_KEY_ID: s3.settings.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.settings.secretAccessKey,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  };
  const webProcess = () => startAppProcess({ databaseUrl: database.url, env: { ...shared, WORKER: "off" } });
  const [a, b, w] = await Promise.allSettled([webProcess(), webProcess(), startWorkerProcess({ databaseUrl: database.url, env: shared })]);
  if (a.status === "rejected" || b.status === "rejected" || w.status === "rejected") {
    await Promise.all([a, b, w].map((outcome) => (outcome.status === "fulfilled" ? outcome.value.stop() : null)));
    throw new Error([a, b, w].map((outcome) => (outcome.status === "rejected" ? String(outcome.reason) : "démarré")).join("\n"));
  }
  web = [a.value, b.value];
  worker = w.value;
  sql = connect(database.url, { max: 4 });
}, 240_000);

afterAll(async () => {
  await sql?.end();
  await Promise.all([...(web ?? []), worker].map((started) => started?.stop()));
  await database?.drop();
  await s3?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
}, 120_000);

/** The address of `path` on one web process: the test is the load balancer, and chooses. */
const on = (server: AppProcess, path: string) => new URL(path, server.url).href;

let addresses = 0;
/** A browser on its own client address, as the proxy in front of the web processes tells it. */
const browser = () => new PortalClient(PUBLIC_URL, PUBLIC_URL, forwarded(++addresses));

describe("started together on an empty database", () => {
  test("each migration is applied once, the territories are loaded once, and all three processes run", async () => {
    const applied = await sql<{ name: string }[]>`select name from schema_migrations order by version`;
    expect(applied.map((row) => row.name)).toEqual((await readMigrations()).map((migration) => migration.name));
    const [territories] = await sql<{ departements: number; loads: number }[]>`
      select (select count(*)::int from departements) as departements, (select count(*)::int from territory_data) as loads`;
    expect(territories).toEqual({ departements: 101, loads: 1 });
    const [queue] = await sql<{ schema: number | null }[]>`select max(id) as schema from graphile_worker.migrations`;
    expect(queue.schema).toBeGreaterThan(0);
    for (const server of web) expect((await fetch(on(server, "/healthz"))).status).toBe(200);
  });
});

describe("one person across both web processes", () => {
  const secret = newTotpSecret();
  const instructor = browser();
  let instructorEmail: string;
  let structure: { id: number; memberId: number; legalName: string };
  let code: string;

  beforeAll(async () => {
    const person = await createPerson(sql, { roles: ["instructor"], scope: departementScope("35"), password: PASSWORD, totp: secret });
    instructorEmail = person.email;
    structure = await createStructure(sql, { communeCode: "35238", legalName: "Médiathèque des Champs-Libres" });
  });

  test("the password given to one and the TOTP code to the other open one session, which both then honour", async () => {
    const login = await instructor.post(on(web[0], "/connexion"), { email: instructorEmail, password: PASSWORD, redirectTo: "/instruction" });
    expect([login.status, login.headers.get("Location")]).toEqual([302, "/connexion/code?redirectTo=%2Finstruction"]);
    // The other process knows the session is still waiting for its code.
    expect((await instructor.get(on(web[1], "/instruction"))).headers.get("Location")).toBe("/connexion/code?redirectTo=%2Finstruction");

    code = totpCode(secret);
    const given = await instructor.post(on(web[1], "/connexion/code?redirectTo=%2Finstruction"), { code });
    expect([given.status, given.headers.get("Location")]).toEqual([302, "/instruction"]);
    for (const server of web) {
      const queue = await instructor.get(on(server, "/instruction"));
      expect(queue.status).toBe(200);
      expect(await textOf(queue)).toContain("Médiathèque des Champs-Libres");
    }
  });

  test("a TOTP code accepted by one process is refused by the other", async () => {
    const other = browser();
    expect((await other.post(on(web[1], "/connexion"), { email: instructorEmail, password: PASSWORD })).status).toBe(302);
    const replay = await other.post(on(web[0], "/connexion/code"), { code });
    expect(replay.status).toBe(400);
    expect(await textOf(replay)).toContain("Ce code n'est pas valable");
  });

  test("a document sent to one is cleaned by the worker into the shared store, and served by the other", async () => {
    const body = new FormData();
    body.set("fichier", new Blob([new Uint8Array(await pdfWithMetadata())], { type: "application/pdf" }), "statuts.pdf");
    const sent = await fetch(on(web[0], `/structure/${structure.id}/pieces`), {
      method: "POST",
      body,
      redirect: "manual",
      headers: { ...forwarded(++addresses), Origin: PUBLIC_URL, Cookie: await sessionCookie(sql, structure.memberId) },
    });
    expect(sent.status).toBe(302);
    const [file] = await eventually(
      "le worker a nettoyé le document",
      () => listStructureDocuments(structure.id, { sql }),
      (files) => files.length === 1 && files[0].status === "ready",
      60_000,
    );

    expect(await textOf(await instructor.get(on(web[1], `/instruction/structures/${structure.id}`)))).toContain("statuts.pdf (PDF, 2 pages)");
    const download = await instructor.get(on(web[1], `/structure/${structure.id}/pieces/${file.id}`));
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.includes(PDF_AUTHOR)).toBe(false);
  });

  test("a decision taken on one queues its e-mail, which the worker sends", async () => {
    const decided = await instructor.post(on(web[0], `/instruction/structures/${structure.id}`), { intent: "verify", reviewsSeen: "0" });
    expect(decided.status).toBe(302);
    const [member] = await sql<{ email: string }[]>`select email from users where id = ${structure.memberId}`;
    await eventually(
      "le worker a envoyé le courriel de la décision",
      async () => (await sql<{ status: string }[]>`select status from mail_outbox where to_address = ${member.email}`).map((m) => m.status),
      (statuses) => statuses.length === 1 && statuses[0] === "sent",
      60_000,
    );
    expect(delivered).toContainEqual([member.email]);
  });

  test("signing out on one ends the session on the other", async () => {
    const cookie = instructor.cookieHeader();
    expect((await instructor.post(on(web[0], "/deconnexion"), {})).status).toBe(302);
    const after = await fetch(on(web[1], "/instruction"), { redirect: "manual", headers: { ...forwarded(addresses), Cookie: cookie } });
    expect([after.status, after.headers.get("Location")]).toEqual([302, "/connexion?redirectTo=%2Finstruction"]);
  });
});

describe("what every process must count or answer alike", () => {
  test("the failures from one address are counted across both processes: the 11th attempt is refused by either", async () => {
    const guesser = browser();
    for (let attempt = 0; attempt < 10; attempt++) {
      const refused = await guesser.post(on(web[attempt % 2], "/connexion"), {
        email: `inconnu-${attempt}@exemple.fr`,
        password: "pas-le-bon-mot-de-passe",
      });
      expect(refused.status, `essai ${attempt + 1}`).toBe(400);
    }
    for (const server of web) {
      const blocked = await guesser.post(on(server, "/connexion"), { email: "encore-un@exemple.fr", password: "pas-le-bon-mot-de-passe" });
      expect(blocked.status).toBe(429);
      expect(await textOf(blocked)).toContain("patientez");
    }
    // Another address is not concerned.
    expect((await browser().post(on(web[1], "/connexion"), { email: "encore-un@exemple.fr", password: "pas-le-bon-mot-de-passe" })).status).toBe(400);
  });

  test("a public page's validator from one process is honoured by the other", async () => {
    const first = await fetch(on(web[0], "/"), { headers: forwarded(++addresses) });
    expect(first.status).toBe(200);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(on(web[1], "/"), { headers: { ...forwarded(addresses), "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });
});

describe("the envelope under concurrent orders spread over both processes", () => {
  test(
    "5,000 orders and 500 replays from 100 clients, alternately to each process: the same results as with one",
    { timeout: 1_800_000 },
    async () => {
      const world = await ordersWorld(sql, { capCents: 2_000_00, capUnits: null });
      await preparedCampaign(sql, world, world.campaign);
      const structures = await loadStructures(sql);
      const cookies = new Map<number, string>();
      for (const { memberId } of structures) cookies.set(memberId, await sessionCookie(sql, memberId));

      let sendings = 0;
      const processesByKey = new Map<string, Set<number>>();
      const outcomes = await run(workload(world, structures), (request) => {
        const server = sendings++ % 2;
        processesByKey.set(request.key, (processesByKey.get(request.key) ?? new Set()).add(server));
        return sendOrderForm(web[server].url, { ...forwarded(0), Origin: PUBLIC_URL, Cookie: cookies.get(request.structure.memberId)! }, request);
      });

      await expectTheEnvelopeHeld(sql, world, outcomes);
      // Replays reached the other process than their original, and were answered with the same order.
      expect([...processesByKey.values()].filter((processes) => processes.size === 2).length).toBeGreaterThan(0);
    },
  );
});
