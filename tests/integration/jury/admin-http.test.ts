// The admin's jury pages over HTTP, against the built portal (`npx remix build` first), the server's
// clock in the review phase: who may open them (admins only, with their second factor), and the forms
// — invitation, conflict, automatic run, reminders — with their French answers.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Contest } from "~/contest/contests.server";
import { connect } from "~/infra/postgres.server";
import { startTestServer, type AppProcess } from "../../support/server";
import { textOf } from "../accounts/http-client";
import { contestWithAdmin, createDesigner, createEntry, createJuror, createPerson, juryForms, sessionCookie } from "../../support/fixtures";
import { duringReview } from "../../support/calendar";

let server: AppProcess;
let sql: postgres.Sql;
let contest: Contest;
const cookies: Record<"admin" | "juror" | "designer" | "adminAwaitingCode", string> = {} as never;
let juror: { id: number; email: string };
let entries: { id: number }[];

function get(url: string, cookie?: string) {
  return fetch(server.url + url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

function post(url: string, cookie: string, fields: Record<string, string>, origin = server.url) {
  return fetch(server.url + url, {
    method: "POST",
    headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

beforeAll(async () => {
  const clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await writeFile(clockFile, duringReview.toISOString());
  server = await startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile });
  sql = connect(server.databaseUrl, { max: 2 });
  ({ contest } = await contestWithAdmin(sql, juryForms.threeThemes));

  const admin = await createPerson(sql, { name: "Gestionnaire HTTP", roles: ["admin"], totp: true });
  cookies.admin = await sessionCookie(sql, admin.id);
  cookies.adminAwaitingCode = await sessionCookie(sql, admin.id, false);

  juror = await createJuror(sql, contest.id, { name: "Juliette Jurée" });
  cookies.juror = await sessionCookie(sql, juror.id);

  const designer = await createDesigner(sql, { name: "Denise Candidate" });
  cookies.designer = await sessionCookie(sql, designer.id);

  entries = [
    await createEntry(sql, contest.id, { owner: { name: "Octave Porteur", email: "octave@porteur-secret.fr" } }),
    await createEntry(sql, contest.id),
  ];
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const pages = () => [
  `/admin/concours/${contest.slug}/jury`,
  `/admin/concours/${contest.slug}/jury/conflits`,
  `/admin/concours/${contest.slug}/jury/affectation`,
];

describe("who opens the admin's jury pages", () => {
  test("an admin gets each page; a juror or a designer gets 403 and learns nothing; anonymous visitors go to /connexion", async () => {
    for (const url of pages()) {
      const page = await get(url, cookies.admin);
      expect(page.status, url).toBe(200);
      const text = await textOf(page);
      expect(text).toMatch(/Membres du jury|Conflits d'intérêts|Affectation et suivi/);
      for (const who of ["juror", "designer"] as const) {
        for (const target of [url, `${url}.data`]) {
          const refused = await get(target, cookies[who]);
          expect(refused.status, `${who} ${target}`).toBe(403);
          expect(await refused.text()).not.toMatch(/Octave|porteur-secret|Membres du jury/);
        }
      }
      const anonymous = await get(url);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toBe(`/connexion?redirectTo=${encodeURIComponent(url)}`);
      const awaiting = await get(url, cookies.adminAwaitingCode);
      expect(awaiting.headers.get("location")).toMatch(/^\/connexion\/code/);
    }
  });

  test("an unknown contest answers 404", async () => {
    for (const url of ["/admin/concours/inconnu/jury", "/admin/concours/inconnu/jury/conflits", "/admin/concours/inconnu/jury/affectation"]) {
      expect((await get(url, cookies.admin)).status, url).toBe(404);
    }
  });

  test("the contest page links to the jury", async () => {
    expect(await (await get(`/admin/concours/${contest.slug}`, cookies.admin)).text()).toContain(`href="/admin/concours/${contest.slug}/jury"`);
  });
});

describe("the forms", () => {
  test("an admin invites a juror; a bad address comes back in French with what was typed; others cannot post", async () => {
    // The page is the index of the jury frame: its forms post to ?index.
    const url = `/admin/concours/${contest.slug}/jury?index`;
    const bad = await post(url, cookies.admin, { intent: "invite", email: "pas-une-adresse", name: "Marc Nouveau" });
    expect(bad.status).toBe(400);
    const badText = await textOf(bad);
    expect(badText).toContain("Indiquez une adresse électronique valide, par exemple nom@exemple.fr.");
    expect(await (await post(url, cookies.admin, { intent: "invite", email: "x@y.fr", name: "" })).text()).toContain("Indiquez le prénom et le nom");

    for (const who of ["juror", "designer"] as const) {
      expect((await post(url, cookies[who], { intent: "invite", email: "intrus@exemple-jury.fr", name: "Intrus" })).status).toBe(403);
    }
    expect(
      (await post(url, cookies.admin, { intent: "invite", email: "intrus@exemple-jury.fr", name: "Intrus" }, "https://attaquant.example")).status,
    ).toBe(403);
    expect(await sql`select 1 from users where email = 'intrus@exemple-jury.fr'`).toHaveLength(0);

    const done = await post(url, cookies.admin, { intent: "invite", email: "Marc.Nouveau@Exemple-Jury.fr", name: "Marc Nouveau" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/admin/concours/${contest.slug}/jury?fait=invited&compte=nouveau`);
    const page = await textOf(await get(done.headers.get("location")!, cookies.admin));
    expect(page).toContain("L'invitation est envoyée");
    expect(page).toContain("Marc Nouveau");
    expect(page).toContain("Invitation envoyée");
    expect(await sql`select 1 from mail_outbox where to_address = 'marc.nouveau@exemple-jury.fr'`).toHaveLength(1);
  });

  test("an admin adds a conflict with its reason, sees it with the candidate's identity; a conflicted pair cannot be assigned by hand", async () => {
    const url = `/admin/concours/${contest.slug}/jury/conflits`;
    const missing = await post(url, cookies.admin, { intent: "add", userId: String(juror.id), proposalId: String(entries[0].id), reason: "" });
    expect(missing.status).toBe(400);
    expect(await textOf(missing)).toContain("Expliquez la raison du conflit");

    const added = await post(url, cookies.admin, {
      intent: "add",
      userId: String(juror.id),
      proposalId: String(entries[0].id),
      reason: "Sœur du porteur.",
    });
    expect(added.status).toBe(302);
    const page = await textOf(await get(added.headers.get("location")!, cookies.admin));
    expect(page).toContain("Le conflit est enregistré");
    expect(page).toContain("Sœur du porteur.");
    expect(page).toContain("octave@porteur-secret.fr");

    const manual = await post(`/admin/concours/${contest.slug}/jury/affectation`, cookies.admin, {
      intent: "add",
      userId: String(juror.id),
      proposalId: String(entries[0].id),
    });
    expect(manual.status).toBe(409);
    expect(await textOf(manual)).toContain(`Juliette Jurée est en conflit d'intérêts avec la proposition n° ${entries[0].id}`);
  });

  // After the invitation above: two jurors, Juliette in conflict with the first entry.
  test("an admin runs the automatic assignment with a seed, sees it recorded, and sends reminders", async () => {
    const url = `/admin/concours/${contest.slug}/jury/affectation`;
    const badSeed = await post(url, cookies.admin, { intent: "run", reviewsPerProposal: "1", seed: "abc" });
    expect(badSeed.status).toBe(400);
    expect(await textOf(badSeed)).toContain("La graine est un nombre entier positif");

    // Two jurors, one in conflict with the first entry: two reviews per proposal is impossible for it.
    const impossible = await post(url, cookies.admin, { intent: "run", reviewsPerProposal: "2", seed: "11" });
    expect(impossible.status).toBe(409);
    const why = await textOf(impossible);
    expect(why).toContain("Aucune affectation n'est possible : rien n'a été enregistré");
    expect(why).toContain(`n° ${entries[0].id}`);

    const run = await post(url, cookies.admin, { intent: "run", reviewsPerProposal: "1", seed: "123456" });
    expect(run.status).toBe(302);
    expect(run.headers.get("location")).toMatch(new RegExp(`^${url}\\?fait=affectation&execution=\\d+$`));
    const page = await textOf(await get(run.headers.get("location")!, cookies.admin));
    expect(page).toContain("Graine : 123456");
    expect(page).toContain("2 nouvelles affectations");

    const reminded = await post(url, cookies.admin, { intent: "remind" });
    expect(reminded.status).toBe(302);
    const sent = Number(new URL(reminded.headers.get("location")!, server.url).searchParams.get("nombre"));
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(await textOf(await get(reminded.headers.get("location")!, cookies.admin))).toMatch(/\d+ relances? envoyées? par courriel/);
    expect(await sql`select 1 from mail_outbox where to_address = ${juror.email} and subject like 'Rappel%'`).toHaveLength(1);
  });
});

describe("the jury's list at a national contest's size", () => {
  test("pages of 50 by name, a search by name or e-mail, and a form sent from page 2 comes back to page 2", async () => {
    for (let i = 1; i <= 60; i++) await createJuror(sql, contest.id, { name: `Membre ${String(i).padStart(3, "0")}`, totp: "" });
    const names = (
      await sql<{ name: string }[]>`
        select u.name from jurors j join users u on u.id = j.user_id where j.contest_id = ${contest.id} order by lower(u.name), j.user_id`
    ).map((row) => row.name);
    expect(names.length).toBeGreaterThan(60);
    const base = `/admin/concours/${contest.slug}/jury`;
    const listed = async (query: string) =>
      [...(await (await get(`${base}${query}`, cookies.admin)).text()).matchAll(/<th[^>]*scope="row"[^>]*>([^<]+)<br/g)].map((m) => m[1]);

    expect(await textOf(await get(base, cookies.admin))).toContain(`${names.length} membres du jury, page 1 sur 2.`);
    expect(await listed("")).toEqual(names.slice(0, 50));
    expect(await listed("?page=2")).toEqual(names.slice(50));
    expect(await listed("?recherche=membre%2005")).toEqual(names.filter((name) => name.startsWith("Membre 05")));
    expect(await textOf(await get(`${base}?recherche=personne`, cookies.admin))).toContain("Aucun membre du jury ne correspond à « personne ».");
    for (const query of ["?page=__proto__", "?page=99999999999999999999", `?recherche=${"x".repeat(5000)}`]) {
      expect((await get(`${base}${query}`, cookies.admin)).status, query).toBe(200);
    }
    expect((await get(`${base}?recherche=%00`, cookies.admin)).status).toBe(400);

    // The row's form posts with the page's position; the answer comes back to it.
    const page2 = await (await get(`${base}?page=2`, cookies.admin)).text();
    expect(page2).toContain(`action="${base}?index&amp;page=2"`);
    const [last] = await sql<{ userId: number }[]>`
      select j.user_id from jurors j join users u on u.id = j.user_id where j.contest_id = ${contest.id} order by lower(u.name) desc, j.user_id desc limit 1`;
    const saved = await post(`${base}?index&page=2`, cookies.admin, { intent: "settings", userId: String(last.userId), maxLoad: "12" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${base}?page=2&fait=updated`);
    expect(await sql`select max_load from jurors where contest_id = ${contest.id} and user_id = ${last.userId}`).toEqual([{ maxLoad: 12 }]);
  });
});
