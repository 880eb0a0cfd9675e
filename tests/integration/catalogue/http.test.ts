// /catalogue, a kit's page, its documents and /admin/catalogue over HTTP against the built portal:
// what the public reads and downloads, what an admin sets, and hostile requests answered 4xx
// without changing anything.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { addKit } from "~/catalogue/kits.server";
import type { Campaign } from "~/envelope/campaigns.server";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import { connect } from "~/infra/postgres.server";
import { laureatesWorld, openCampaign, type LaureatesWorld } from "../../support/catalogue-world";
import { createPerson, processedFile, sessionCookie } from "../../support/fixtures";
import { noisyJpeg, PDF_AUTHOR, pdfWithMetadata } from "../../support/media-fixtures";
import { rawRequest } from "../../support/raw-http";
import { startTestServer, type TestServer } from "../../support/server";
import { textOf } from "../accounts/http-client";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let world: LaureatesWorld;
const files = new Map<number, { photo: number; document: number }>();
const cookies: Record<"admin" | "designer", string> = { admin: "", designer: "" };

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  const store = fsBlobStore(`${server.dataDir}/blobs`);
  world = await laureatesWorld(sql, {
    addFiles: async (proposalId, ownerId) => {
      const photo = await processedFile(sql, store, {
        proposalId,
        ownerId,
        kind: "photo",
        filename: "kit.jpg",
        bytes: await noisyJpeg(400, 300),
        description: "Le coffret ouvert, ses fiches rangées par démarche.",
      });
      const document = await processedFile(sql, store, {
        proposalId,
        ownerId,
        kind: "document",
        filename: "plans.pdf",
        bytes: await pdfWithMetadata(3),
      });
      files.set(proposalId, { photo, document });
    },
  });
  cookies.admin = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
  cookies.designer = await sessionCookie(sql, (await createPerson(sql, { roles: ["designer"] })).id);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const get = (path: string, who?: keyof typeof cookies) =>
  fetch(`${server.url}${path}`, { redirect: "manual", headers: who ? { Cookie: cookies[who] } : {} });

function post(path: string, who: keyof typeof cookies, fields: [string, string][]) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies[who], "Content-Type": "application/x-www-form-urlencoded" },
  });
}

/** A public page's text once it says `expected`: public pages are cached for a second, and these changes come from outside the server. */
async function publicText(path: string, expected: string | RegExp) {
  await expect.poll(async () => textOf(await get(path)), { timeout: 30_000, interval: 200 }).toMatch(expected);
  return textOf(await get(path));
}

const state = async () =>
  (
    await sql<{ kits: number; offers: string }[]>`
      select (select count(*) from catalogue_kits)::int as kits,
             (select coalesce(string_agg(concat_ws(':', kit_id, unit_price_cents, lead_time_days, withdrawn_at is null), ',' order by id), '')
                from campaign_offers) as offers`
  )[0];

describe("the admin puts laureates in the catalogue", () => {
  test("nobody but an admin reaches the page or its forms; nothing changes", async () => {
    const before = await state();
    expect((await get("/admin/catalogue")).status).toBe(302);
    expect((await get("/admin/catalogue", "designer")).status).toBe(403);
    expect((await post("/admin/catalogue", "designer", [["proposalId", String(world.coffret.id)]])).status).toBe(403);
    expect((await post("/admin/catalogue/1", "designer", [["unitPrice", "10"]])).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  test("adds a laureate; a proposal not retained is refused in French; hostile forms get a 4xx and change nothing", async () => {
    const page = await textOf(await get("/admin/catalogue", "admin"));
    expect(page).toContain(world.coffret.title);
    expect(page).toContain("Aucune campagne de distribution n'est ouverte");
    expect(page).not.toContain(world.refused.title);

    const added = await post("/admin/catalogue", "admin", [["proposalId", String(world.coffret.id)]]);
    expect(added.status).toBe(302);
    const slug = world.coffret.title.toLowerCase().replace(" ", "-");
    expect(added.headers.get("Location")).toBe(`/admin/catalogue?fait=ajoute&kit=${slug}`);
    expect(await textOf(await get(`/admin/catalogue?fait=ajoute&kit=${slug}`, "admin"))).toContain(
      `Le kit est au catalogue, à l'adresse /catalogue/${slug}.`,
    );

    const before = await state();
    const refused = await post("/admin/catalogue", "admin", [["proposalId", String(world.refused.id)]]);
    expect(refused.status).toBe(400);
    expect(await textOf(refused)).toContain("Seul un kit lauréat de résultats publiés entre au catalogue.");
    const statuses = [];
    for (const fields of [
      [],
      [["proposalId", "__proto__"]],
      [["proposalId", "99999999999999999999"]],
      [["proposalId", "1e3"]],
      [["proposalId", `${world.jeu.id}\0`]],
      [
        ["__proto__", "x"],
        ["constructor", "y"],
      ],
    ] as [string, string][][])
      statuses.push((await post("/admin/catalogue", "admin", fields)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
    const truncated = await fetch(`${server.url}/admin/catalogue`, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="proposalId"\r\n\r\n12',
      headers: { Origin: server.url, Cookie: cookies.admin, "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(truncated.status).toBe(400);
    expect(await state()).toEqual(before);
  });
});

describe("the public catalogue", () => {
  let campaign: Campaign;
  let kitId: number;
  const slug = () => world.coffret.title.toLowerCase().replace(" ", "-");

  beforeAll(async () => {
    kitId = (await addKit({ proposalId: world.coffret.id, actorId: world.adminId, now: new Date() }, sql)).id;
  });

  test("before any campaign: every kit with its state; its page shows photos, contents, licence, documents and that no maker builds it yet", async () => {
    const list = await get("/catalogue");
    expect(list.status).toBe(200);
    const text = await textOf(list);
    expect(text).toContain("Aucune campagne de commande n'est encore ouverte");
    expect(text).toContain(world.coffret.title);
    expect(text).toContain("Pas encore proposé à la commande");
    expect(text).toMatch(/Prix unitaire : 199,00\s€/);
    const html = await (await get("/catalogue")).text();
    const { photo, document } = files.get(world.coffret.id)!;
    expect(html).toContain(`src="/laureats/${world.coffret.id}/photos/${photo}/medium"`);
    expect(html).toContain('alt="Le coffret ouvert, ses fiches rangées par démarche."');

    const page = await get(`/catalogue/${slug()}`);
    expect(page.status).toBe(200);
    const kit = await textOf(page);
    expect(kit).toContain("Une valise avec une tablette reconditionnée"); // the pitch
    expect(kit).toContain("Tablette reconditionnée"); // the contents
    expect(kit).toContain("CC BY-SA 4.0");
    expect(kit).toContain("21 jours");
    expect(kit).toContain("Où le fabriquer");
    expect(kit).toContain("Aucun fabricant ne fabrique encore ce kit.");
    expect(kit).toContain("PDF, 3 pages");

    const pdf = await get(`/catalogue/${slug()}/documents/${document}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.toString("latin1")).not.toContain(PDF_AUTHOR); // the cleaned copy, never the original
  });

  test("documents: anything but a document of this kit's judged version is not found", async () => {
    const mine = files.get(world.coffret.id)!;
    const others = [files.get(world.jeu.id)!, files.get(world.refused.id)!];
    for (const path of [
      `/catalogue/${slug()}/documents/${others[0].document}`, // a laureate not in the catalogue
      `/catalogue/${slug()}/documents/${others[1].document}`, // not retained
      `/catalogue/${slug()}/documents/${mine.photo}`, // a photo
      `/catalogue/${slug()}/documents/99999999999999999999`,
      `/catalogue/${slug()}/documents/abc`,
      `/catalogue/inconnu/documents/${mine.document}`,
      `/catalogue/${slug()}/documents/%2e%2e%2f${mine.document}`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  test("unknown or hostile addresses get a 4xx with a French message; hostile filters are ignored", async () => {
    const unknown = await get("/catalogue/kit-inconnu");
    expect(unknown.status).toBe(404);
    expect(await textOf(unknown)).toContain("Ce kit n'est pas au catalogue");
    for (const path of ["/catalogue/__proto__", "/catalogue/constructor", `/catalogue/${"a".repeat(5_000)}`, "/catalogue/%2e%2e%2fadmin"]) {
      expect((await get(path)).status, path.slice(0, 40)).toBe(404);
    }
    expect((await rawRequest(`${server.url}/catalogue/kit%00`, { method: "GET" })).status).toBe(400);
    const hostile = await get(`/catalogue?theme=__proto__&public=${"x".repeat(5_000)}&constructor=1`);
    expect(hostile.status).toBe(200);
    expect(await textOf(hostile)).toContain(world.coffret.title);
  });

  test("the admin offers the kit in the campaign at a price; French errors by field; the public sees the orderable kit", async () => {
    const older = await openCampaign(sql, "Campagne pilote", { days: 30 });
    campaign = await openCampaign(sql, "Distribution 2026");
    await publicText("/catalogue", "Aucun kit n'est encore proposé à la commande dans cette campagne.");
    const form = await get(`/admin/catalogue/${kitId}`, "admin");
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/name="unitPrice"[^>]*value="199,00"/);

    const offer = (overrides: [string, string][] = [], id: number | string = kitId) => {
      const replaced = new Set(overrides.map(([name]) => name));
      const fields: [string, string][] = [
        ["campaignId", String(campaign.id)],
        ["unitPrice", "205,50"],
        ["leadTimeDays", "14"],
        ["orderable", "oui"],
      ];
      return post(`/admin/catalogue/${id}`, "admin", [...fields.filter(([name]) => !replaced.has(name)), ...overrides]);
    };
    const before = await state();
    const badPrice = await offer([["unitPrice", "deux cents"]]);
    expect(badPrice.status).toBe(400);
    const badHtml = await badPrice.text();
    expect(badHtml).toMatch(/id="champ-unitPrice-message"[^>]*>Le montant doit être un nombre en euros, par exemple 1 234,56\./);
    expect(badHtml).toContain('value="deux cents"');
    const statuses = [];
    for (const [fields, id] of [
      [[["unitPrice", "0"]], kitId],
      [[["unitPrice", "-3"]], kitId],
      [[["leadTimeDays", "0"]], kitId],
      [[["leadTimeDays", "9999999999999"]], kitId],
      [[["leadTimeDays", "__proto__"]], kitId],
      [[["orderable", "constructor"]], kitId],
      [[["campaignId", String(older.id)]], kitId], // a form about another campaign
      [[["campaignId", "99999999999999999999"]], kitId],
      [[], 999_999_999],
      [[], "99999999999999999999"],
      [[], "__proto__"],
    ] as [[string, string][], number | string][])
      statuses.push((await offer(fields, id)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 409, 400, 404, 404, 404]);
    expect(await state()).toEqual(before);

    const saved = await offer();
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/admin/catalogue?fait=offre");
    expect(await textOf(await get("/admin/catalogue?fait=offre", "admin"))).toMatch(/Commandable — 205,50\s€, 14 jours/);
    const list = await publicText("/catalogue", /Prix unitaire : 205,50\s€/);
    expect(list).toContain("Distribution 2026");
    expect(list).not.toContain(world.jeu.title);
    expect(await textOf(await get(`/catalogue/${slug()}`))).toContain("14 jours");
  });
});
