// Makers over HTTP against the built portal: registration with its membership, a SIRET already
// registered, kit requests and the admin's decisions, coverage and capacity; every refusal a 4xx
// that changes nothing, another maker's ids a 404, the admin's page 403 to anyone else.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { addKit } from "~/catalogue/kits.server";
import { connect } from "~/infra/postgres.server";
import { laureatesWorld } from "../../support/catalogue-world";
import { auditOf, createPerson, sessionCookie, validSiret } from "../../support/fixtures";
import { startTestServer, type TestServer } from "../../support/server";
import { postForm, textOf } from "../accounts/http-client";

let server: TestServer;
let sql: ReturnType<typeof connect>;
type Who = { id: number; email: string; cookie: string };
let maker: Who;
let rival: Who;
let admin: Who;
let kits: number[];
let titles: string[];

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  const world = await laureatesWorld(sql);
  kits = [];
  titles = [world.coffret.title, world.jeu.title];
  for (const proposalId of [world.coffret.id, world.jeu.id])
    kits.push((await addKit({ proposalId, actorId: world.adminId, now: new Date() }, sql)).id);
  const person = async (options: Parameters<typeof createPerson>[1]) => {
    const { id, email } = await createPerson(sql, options);
    return { id, email, cookie: await sessionCookie(sql, id) };
  };
  maker = await person({});
  rival = await person({ roles: ["designer"] });
  admin = await person({ roles: ["admin"], totp: true });
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

function post(who: Who | null, path: string, fields: [string, string][] | Record<string, string>) {
  return postForm(server.url, path, fields, who?.cookie);
}
/** The admin's (or someone's) decision on a maker's request to build a kit. */
const decide = (who: Who, maker: number, kit: number, decision: string, reason = "") =>
  post(who, "/admin/fabricants", { makerId: String(maker), kitId: String(kit), decision, reason });
const get = (who: Who, path: string) => fetch(`${server.url}${path}`, { redirect: "manual", headers: { Cookie: who.cookie } });

const registration = {
  siret: "",
  name: "Fablab de Vitré",
  kind: "fablab",
  communeQuery: "Vitré",
  commune: "35360",
  contactName: "Nadia Benali",
  contactPhone: "02 99 75 00 00",
};

/** Everything the makers' routes can change, to see that a refusal changed nothing. */
const snapshot = async () =>
  (
    await sql`
    select (select count(*)::int from makers) as makers,
           (select count(*)::int from memberships where role = 'maker') as memberships,
           (select coalesce(json_agg(mk order by mk.maker_id, mk.kit_id), '[]') from maker_kits mk) as kits,
           (select count(*)::int from maker_coverage) as coverage,
           (select coalesce(json_agg(c order by c.maker_id, c.kit_id), '[]') from maker_capacity c) as capacity`
  )[0];

let makerId: number;
let rivalMakerId: number;

describe("registering a maker", () => {
  test("« Rechercher » lists the communes, the rest kept; registering makes the person its member, audited", async () => {
    const search = await post(maker, "/fabricant/inscription", { ...registration, siret: "130 025 265 00013", commune: "", intent: "search" });
    expect(search.status).toBe(200);
    const html = await search.text();
    expect(html).toMatch(/<option value="35360"[^>]*>Vitré \(35\) — 35500<\/option>/);
    expect(html).toContain('value="Fablab de Vitré"');

    const siret = validSiret();
    const done = await post(maker, "/fabricant/inscription", { ...registration, siret });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toMatch(/^\/fabricant\?/);
    const [row] = await sql<{ id: number; name: string; kind: string; communeCode: string; contactPhone: string }[]>`
      select id, name, kind, commune_code, contact_phone from makers where siret = ${siret}`;
    expect(row).toMatchObject({ name: "Fablab de Vitré", kind: "fablab", communeCode: "35360", contactPhone: "0299750000" });
    makerId = row.id;
    expect(await sql`select role, scope from memberships where user_id = ${maker.id}`).toEqual([{ role: "maker", scope: `maker:${makerId}` }]);
    expect((await auditOf(sql, "maker.registered")).at(-1)).toMatchObject({ actorId: maker.id, subject: `maker:${makerId}` });

    const space = await textOf(await get(maker, "/fabricant"));
    expect(space).toContain("Fablab de Vitré");
    expect(space).toContain("Demander à fabriquer des kits");

    const rivalDone = await post(rival, "/fabricant/inscription", { ...registration, name: "Atelier rival", siret: validSiret() });
    expect(rivalDone.status).toBe(302);
    rivalMakerId = (await sql<{ id: number }[]>`select id from makers where name = 'Atelier rival'`)[0].id;
  });

  test("a SIRET already registered is a 409 that says how to join; bad fields a 400 by field; nothing saved", async () => {
    const before = await snapshot();
    const [{ siret }] = await sql<{ siret: string }[]>`select siret from makers where id = ${makerId}`;
    const duplicate = await post(rival, "/fabricant/inscription", { ...registration, siret });
    expect(duplicate.status).toBe(409);
    expect(await textOf(duplicate)).toContain("Un fabricant est déjà inscrit avec ce SIRET. Pour le rejoindre");

    const bad = await post(rival, "/fabricant/inscription", { ...registration, siret: "12345678901234", kind: "castle", contactPhone: "12" });
    expect(bad.status).toBe(400);
    const text = await textOf(bad);
    expect(text).toContain("Ce SIRET n'est pas valide");
    expect(text).toContain("Choisissez le type de fabricant dans la liste.");
    expect(text).toContain("Ce numéro de téléphone n'est pas valide");
    expect((await post(rival, "/fabricant/inscription", { ...registration, siret: validSiret(), commune: "99999" })).status).toBe(400);
    expect((await post(null, "/fabricant/inscription", { ...registration, siret: validSiret() })).status).toBe(302);
    expect(await snapshot()).toEqual(before);
  });
});

describe("kits, decisions, coverage and capacity", () => {
  test("the maker asks to build kits; the admin refuses one with a reason and approves the other, audited and e-mailed", async () => {
    expect(
      (
        await post(maker, "/fabricant", [
          ["intent", "request"],
          ["makerId", String(makerId)],
        ])
      ).status,
    ).toBe(400);
    const asked = await post(maker, "/fabricant", [
      ["intent", "request"],
      ["makerId", String(makerId)],
      ["kitIds", String(kits[0])],
      ["kitIds", String(kits[1])],
    ]);
    expect(asked.status).toBe(302);
    expect(await sql`select kit_id, status from maker_kits where maker_id = ${makerId} order by kit_id`).toEqual([
      { kitId: kits[0], status: "requested" },
      { kitId: kits[1], status: "requested" },
    ]);
    const queue = await textOf(await get(admin, "/admin/fabricants"));
    expect(queue).toContain(`Fablab de Vitré — ${titles[0]}`);
    expect(queue).toContain(`Fablab de Vitré — ${titles[1]}`);
    // Every maker with its number, which /admin/utilisateurs takes to add a member.
    expect(queue).toContain("2 fabricants inscrits");
    expect(queue).toMatch(new RegExp(`Fablab de Vitré \\(Fablab\\)\\s+${makerId}\\s`));

    for (const who of [maker, rival]) {
      expect((await get(who, "/admin/fabricants")).status).toBe(403);
      expect((await decide(who, makerId, kits[0], "approved")).status).toBe(403);
    }
    const noReason = await decide(admin, makerId, kits[1], "refused");
    expect(noReason.status).toBe(400);
    expect(await textOf(noReason)).toContain("Indiquez la raison du refus");

    const refused = await decide(admin, makerId, kits[1], "refused", "Le jeu demande une imprimante grand format.");
    expect(refused.status).toBe(302);
    expect((await decide(admin, makerId, kits[0], "approved")).status).toBe(302);
    expect(await sql`select kit_id, status, refusal_reason, decided_by from maker_kits where maker_id = ${makerId} order by kit_id`).toEqual([
      { kitId: kits[0], status: "approved", refusalReason: null, decidedBy: admin.id },
      { kitId: kits[1], status: "refused", refusalReason: "Le jeu demande une imprimante grand format.", decidedBy: admin.id },
    ]);
    const mails = await sql<{ subject: string; textBody: string }[]>`
      select subject, text_body from mail_outbox where to_address = ${maker.email} order by id`;
    expect(mails.map((mail) => mail.subject)).toEqual([
      `Demande de fabrication du kit « ${titles[1]} » refusée`,
      `Fablab de Vitré peut fabriquer le kit « ${titles[0]} »`,
    ]);
    expect(mails[0].textBody).toContain("Le jeu demande une imprimante grand format.");
    expect((await auditOf(sql, "maker.kit_approved")).at(-1)).toMatchObject({ actorId: admin.id, subject: `maker:${makerId}` });

    // Decided once: a second decision is a conflict, nothing changes.
    const before = await snapshot();
    const again = await decide(admin, makerId, kits[0], "refused", "Changement d'avis.");
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain("Cette demande a déjà été traitée.");
    expect((await decide(admin, rivalMakerId, kits[0], "approved")).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  test("for an approved kit the maker declares départements and capacity, then pauses and resumes; bad values change nothing", async () => {
    const supply = (fields: [string, string][], who = maker) =>
      post(who, "/fabricant", [["intent", "supply"], ["makerId", String(makerId)], ["kitId", String(kits[0])], ...fields]);
    const before = await snapshot();
    const refusals: [[string, string][], string][] = [
      [[["unitsPerMonth", "20"]], "Cochez au moins un département"],
      [
        [
          ["unitsPerMonth", "20"],
          ["departements", "35"],
          ["departements", "99"],
        ],
        "Département inconnu : 99",
      ],
      [
        [
          ["unitsPerMonth", "0"],
          ["departements", "35"],
        ],
        "au moins une unité par mois",
      ],
      [
        [
          ["unitsPerMonth", "2.5"],
          ["departements", "35"],
        ],
        "nombre entier",
      ],
      [
        [
          ["unitsPerMonth", "100001"],
          ["departements", "35"],
        ],
        "ne peut pas dépasser 100 000",
      ],
      [
        [
          ["unitsPerMonth", "-3"],
          ["departements", "35"],
        ],
        "nombre entier",
      ],
    ];
    for (const [fields, message] of refusals) {
      const answer = await supply(fields);
      expect(answer.status, message).toBe(400);
      expect(await textOf(answer)).toContain(message);
    }
    // The refused kit has no coverage to declare.
    const refusedKit = await post(maker, "/fabricant", [
      ["intent", "supply"],
      ["makerId", String(makerId)],
      ["kitId", String(kits[1])],
      ["unitsPerMonth", "5"],
      ["departements", "35"],
    ]);
    expect(refusedKit.status).toBe(400);
    expect(await textOf(refusedKit)).toContain("n'est pas approuvé");
    expect(
      (
        await post(maker, "/fabricant", [
          ["intent", "pause"],
          ["makerId", String(makerId)],
          ["kitId", String(kits[0])],
          ["paused", "true"],
        ])
      ).status,
    ).toBe(400);
    expect(await snapshot()).toEqual(before);

    expect(
      (
        await supply([
          ["unitsPerMonth", "25"],
          ["departements", "35"],
          ["departements", "22"],
          ["departements", "35"],
        ])
      ).status,
    ).toBe(302);
    expect(await sql`select departement_code from maker_coverage where maker_id = ${makerId} order by 1`).toEqual([
      { departementCode: "22" },
      { departementCode: "35" },
    ]);
    expect(await sql`select units_per_month, paused from maker_capacity where maker_id = ${makerId}`).toEqual([{ unitsPerMonth: 25, paused: false }]);
    expect(
      (
        await supply([
          ["unitsPerMonth", "30"],
          ["departements", "2A"],
          ["departements", "35"],
        ])
      ).status,
    ).toBe(302);
    expect((await auditOf(sql, "maker.supply_declared")).at(-1)?.data).toMatchObject({ unitsPerMonth: 30, added: ["2A"], removed: ["22"] });

    const pause = (paused: string) =>
      post(maker, "/fabricant", [
        ["intent", "pause"],
        ["makerId", String(makerId)],
        ["kitId", String(kits[0])],
        ["paused", paused],
      ]);
    expect((await pause("true")).status).toBe(302);
    expect((await sql`select paused from maker_capacity where maker_id = ${makerId}`)[0].paused).toBe(true);
    expect(await textOf(await get(maker, "/fabricant"))).toContain("en pause");
    expect((await pause("false")).status).toBe(302);
    expect((await sql`select paused from maker_capacity where maker_id = ${makerId}`)[0].paused).toBe(false);
  });

  test("another maker's ids are a 404, hostile forms a 4xx, and nothing changes", async () => {
    const before = await snapshot();
    const theirs = [
      ["makerId", String(makerId)],
      ["kitId", String(kits[0])],
    ];
    const attempts: [string, [string, string][]][] = [
      ["supply", [...theirs, ["unitsPerMonth", "1"], ["departements", "15"]] as [string, string][]],
      ["pause", [...theirs, ["paused", "true"]] as [string, string][]],
      [
        "request",
        [
          ["makerId", String(makerId)],
          ["kitIds", String(kits[1])],
        ],
      ],
    ];
    for (const [intent, fields] of attempts) {
      const answer = await post(rival, "/fabricant", [["intent", intent], ...fields]);
      expect(answer.status, intent).toBe(404);
    }
    const hostile: [string, string][][] = [
      [
        ["intent", "supply"],
        ["makerId", "99999999999999999999"],
        ["kitId", String(kits[0])],
        ["unitsPerMonth", "1"],
        ["departements", "35"],
      ],
      [
        ["intent", "supply"],
        ["makerId", "1e3"],
        ["kitId", "0x10"],
        ["unitsPerMonth", "1"],
      ],
      [
        ["intent", "request"],
        ["makerId", String(makerId)],
        ["kitIds", "99999999"],
      ],
      [
        ["intent", "request"],
        ["makerId", String(makerId)],
        ["kitIds", "__proto__"],
      ],
      [
        ["intent", "supply"],
        ["__proto__", "x"],
        ["constructor", "y"],
        ["makerId", String(makerId)],
      ],
      [
        ["intent", "pause"],
        ["makerId", String(makerId)],
        ["kitId", String(kits[0])],
        ["paused", "maybe"],
      ],
      [
        ["intent", "supply"],
        ["makerId", String(makerId)],
        ["kitId", String(kits[0])],
        ["unitsPerMonth", "5\0"],
        ["departements", "35"],
      ],
      [
        ["intent", "supply"],
        ["makerId", String(makerId)],
        ["kitId", String(kits[0])],
        ["unitsPerMonth", "5"],
        ["departements", "3".repeat(5000)],
      ],
    ];
    for (const fields of hostile) {
      const status = (await post(maker, "/fabricant", fields)).status;
      expect(status, JSON.stringify(fields).slice(0, 120)).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    const truncated = await fetch(`${server.url}/fabricant`, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsupp',
      redirect: "manual",
      headers: { Origin: server.url, Cookie: maker.cookie, "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(truncated.status).toBe(400);
    expect((await decide(admin, 1, 1, "approved\0")).status).toBe(400);
    expect((await get(rival, "/fabricant")).status).toBe(200);
    expect(await textOf(await get(rival, "/fabricant"))).not.toContain("Fablab de Vitré");
    expect(await snapshot()).toEqual(before);
  });

  test("the database refuses coverage or capacity for a kit that is not approved", async () => {
    await expect(sql`insert into maker_coverage (maker_id, kit_id, departement_code) values (${makerId}, ${kits[1]}, '35')`).rejects.toThrow(
      /foreign key/,
    );
    await expect(
      sql`insert into maker_capacity (maker_id, kit_id, units_per_month, updated_by, updated_at) values (${makerId}, ${kits[1]}, 3, ${maker.id}, now())`,
    ).rejects.toThrow(/foreign key/);
    await expect(sql`update maker_capacity set units_per_month = 0 where maker_id = ${makerId}`).rejects.toThrow(/check/);
  });

  test("a member of two makers sees both, each form with ids of its own", async () => {
    await sql`insert into memberships (user_id, role, scope) values (${maker.id}, 'maker', ${`maker:${rivalMakerId}`})`;
    const html = await (await get(maker, "/fabricant")).text();
    expect(html).toContain("Fablab de Vitré");
    expect(html).toContain("Atelier rival");
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });
});

describe("the admin's list of makers, at any size", () => {
  test("pages of 50 by name; a search by name, commune, département or SIRET; hostile values show the first page", async () => {
    const brestSiret = validSiret();
    await sql`
      insert into makers (siret, name, kind, commune_code, contact_name, contact_phone, registered_by)
      select ${brestSiret}::text, 'Atelier de Brest', 'fablab', '29019', 'Yann Le Goff', '0298000000', ${admin.id}::bigint
      union all
      select (80000000000000 + g * 10)::text, 'Atelier ' || lpad(g::text, 3, '0'), 'company', '35238', 'Nadia Benali', '0299000000', ${admin.id}::bigint
      from generate_series(1, 60) g`;
    const names = (await sql<{ name: string }[]>`select name from makers order by name, id`).map((row) => row.name);
    expect(names.length).toBeGreaterThan(60);
    const listed = (html: string) => [...html.matchAll(/<th[^>]*scope="row"[^>]*>([^<(]+) \(/g)].map((match) => match[1]);

    const first = await textOf(await get(admin, "/admin/fabricants"));
    expect(first).toContain(`${names.length} fabricants inscrits, page 1 sur 2.`);
    const firstHtml = await (await get(admin, "/admin/fabricants")).text();
    expect(listed(firstHtml)).toEqual(names.slice(0, 50));
    const second = await (await get(admin, "/admin/fabricants?page=2")).text();
    expect(listed(second)).toEqual(names.slice(50));

    const search = async (text: string) => listed(await (await get(admin, `/admin/fabricants?recherche=${encodeURIComponent(text)}`)).text());
    expect(await search("atelier 04")).toEqual([
      "Atelier 040",
      "Atelier 041",
      "Atelier 042",
      "Atelier 043",
      "Atelier 044",
      "Atelier 045",
      "Atelier 046",
      "Atelier 047",
      "Atelier 048",
      "Atelier 049",
    ]);
    expect(await search("Brest")).toEqual(["Atelier de Brest"]);
    // « 29 »: the Finistère's maker, and one whose name holds it.
    expect(await search("29")).toEqual(["Atelier 029", "Atelier de Brest"]);
    expect(await search(brestSiret.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, "$1 $2 $3 $4"))).toEqual(["Atelier de Brest"]);
    expect(await textOf(await get(admin, "/admin/fabricants?recherche=introuvable%25_"))).toContain(
      "Aucun fabricant ne correspond à « introuvable%_ ».",
    );

    for (const query of ["page=__proto__", "page=-3", "page=99999999999999999999", "recherche=" + "x".repeat(5000), "recherche=a&recherche=b"]) {
      expect((await get(admin, `/admin/fabricants?${query}`)).status, query).toBe(200);
    }
    expect(listed(await (await get(admin, "/admin/fabricants?page=abc")).text())).toEqual(names.slice(0, 50));
    expect((await get(admin, "/admin/fabricants?recherche=%00")).status).toBe(400);
  });
});
