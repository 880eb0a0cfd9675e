// /admin/journal through the built portal and its worker: the page shows the verdict the worker
// stored, never computes one; « Vérifier maintenant » queues the full check, which the worker runs;
// an alteration it finds is shown by chain, entry and reason; hostile input changes nothing.
import { describe, expect, test } from "vitest";
import { appendAudit } from "~/audit/audit.server";
import { departementChain } from "~/audit/chain";
import { VERIFY_AUDIT_TASK } from "~/audit/verification.server";
import { plural } from "~/ui/plural";
import { createPerson, sessionCookie } from "../../support/fixtures";
import { eventually } from "../../support/eventually";
import { portalForThisFile } from "../../support/portal";
import { asTamperer } from "../../support/tamperer";

const portal = portalForThisFile();
const RENNES = departementChain("35");

const get = (path: string, cookie?: string) =>
  fetch(`${portal.server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
const post = (cookie: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${portal.server.url}/admin/journal`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: portal.server.url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });

const admin = async () => sessionCookie(portal.sql, (await createPerson(portal.sql, { roles: ["admin"], totp: true })).id);
const page = async (cookie: string, path = "/admin/journal") => (await get(path, cookie)).text();
const requests = async () =>
  (await portal.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'audit.check_requested'`)[0].n;
const fullChecks = async () =>
  (
    await portal.sql<{ at: Date | null; broken: number }[]>`
    select min(full_checked_at) as at, count(broken_id)::int as broken from audit_verification`
  )[0];

/** Runs `work` while no check can store a verdict: the worker's recurring one may fall due at any moment. */
async function withChecksHeld<T>(work: () => Promise<T>): Promise<T> {
  const held = await portal.sql.reserve();
  try {
    await held`select pg_advisory_lock(hashtext(${VERIFY_AUDIT_TASK}))`;
    return await work();
  } finally {
    await held`select pg_advisory_unlock(hashtext(${VERIFY_AUDIT_TASK}))`;
    held.release();
  }
}

/** Asks for a full check as the button does, and waits until the worker has stored a newer one. */
async function checkNow(cookie: string) {
  const before = (await fullChecks()).at;
  const answer = await post(cookie, "intent=verifier");
  expect(answer.status).toBe(302);
  expect(answer.headers.get("location")).toBe("/admin/journal?fait=verification-demandee");
  expect(await page(cookie, answer.headers.get("location")!)).toContain("La vérification complète du journal est en file d&#x27;attente");
  await eventually("la vérification complète est passée", fullChecks, (check) => check.at !== null && (before === null || check.at > before), 60_000);
}

describe("/admin/journal", () => {
  test("never checked, the page says so and offers to check now; it is one French page with one h1", async () => {
    const cookie = await admin();
    const html = await withChecksHeld(async () => {
      await portal.sql`delete from audit_verification`;
      return page(cookie);
    });
    expect(html).toContain("Journal pas encore vérifié");
    expect(html).toContain("elle n&#x27;a encore jamais eu lieu");
    expect(html).toContain(">Vérifier maintenant</button>");
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain("<title>Journal d&#x27;audit — Administration — Kits d&#x27;inclusion numérique</title>");
  });

  test("an admin asks for a check: the page says it is queued, then shows the verdict the worker stored", async () => {
    const cookie = await admin();
    await portal.sql.begin(async (tx) => {
      for (let i = 0; i < 4; i++) await appendAudit(tx, { actorId: null, action: "test.http", subject: `order:${i}`, chain: RENNES });
    });
    await checkNow(cookie);
    const [{ verified, total }] = await portal.sql<{ verified: number; total: number }[]>`
      select (select sum(verified_id)::int from audit_verification) as verified, (select count(*)::int from audit_log) as total`;
    expect(verified).toBe(total);
    const html = await page(cookie);
    expect(html).toContain("Journal intègre");
    expect(html).toMatch(new RegExp(`>Journal vérifié le [0-9/]+ [0-9:]+ : ${plural(verified, "entrée intègre", "entrées intègres")}\\.<`));
    expect(html).toMatch(/la dernière date du \d/);
    expect(html).not.toContain("Journal pas encore vérifié");
  });

  test("an entry altered in a département's chain is shown by chain, entry and reason; once put back, the next full check clears it", async () => {
    const cookie = await admin();
    const [original] = await portal.sql<{ data: unknown }[]>`select data from audit_log where chain = ${RENNES} and id = 2`;
    await asTamperer(portal.sql, () => portal.sql`update audit_log set data = '{"forged": true}' where chain = ${RENNES} and id = 2`);
    await checkNow(cookie);
    await asTamperer(
      portal.sql,
      () => portal.sql`update audit_log set data = ${portal.sql.json(original.data as never)} where chain = ${RENNES} and id = 2`,
    );
    const altered = await page(cookie);
    expect(altered).toContain("Journal altéré");
    expect(altered).toMatch(
      />chaîne du département 35, entrée n° 2 : le contenu de l&#x27;entrée 2 a été modifié \(constaté le [0-9/]+ [0-9:]+\)\.</,
    );
    expect(altered).not.toContain("Journal intègre");

    // Put back, the entry stays reported until the next full check finds the chain sound.
    await checkNow(cookie);
    expect((await fullChecks()).broken).toBe(0);
    expect(await page(cookie)).toContain("Journal intègre");
  });

  test("hostile input gets a 4xx and queues nothing", async () => {
    const cookie = await admin();
    const designer = await sessionCookie(portal.sql, (await createPerson(portal.sql, { roles: ["designer"] })).id);
    const before = await requests();
    for (const body of [
      "",
      "intent=autre",
      "intent=verifier%00",
      "intent=__proto__",
      "__proto__=verifier",
      "constructor=x",
      `intent=${"v".repeat(100_000)}`,
    ]) {
      const answer = await post(cookie, body);
      expect(answer.status, body.slice(0, 30)).toBe(400);
    }
    const truncated = await post(cookie, '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nveri', {
      "Content-Type": "multipart/form-data; boundary=x",
    });
    expect(truncated.status).toBe(400);
    expect((await post(cookie, "intent=verifier", { Origin: "https://attaquant.example" })).status).toBe(403);
    expect((await post(designer, "intent=verifier")).status).toBe(403);
    expect((await get("/admin/journal", designer)).status).toBe(403);
    expect(await requests()).toBe(before);
  });
});
