import { describe, expect, test } from "vitest";
import { listAuditPage } from "~/audit/audit.server";
import { db } from "~/infra/db.server";
import { importTerritorialList, ListFileRefused, listsContaining, listTerritorialLists } from "~/territories/lists.server";
import { rejectionOf } from "../../support/rejection";

const now = new Date("2026-03-02T09:00:00Z");
const base = { source: "Échantillon de test", validFrom: "2026-01-01", isSample: true, actorId: null, now };

describe("territorial lists", () => {
  test("an import creates the list; a second replaces it whole and keeps the first; both audited", async () => {
    const first = await importTerritorialList({ ...base, name: "Liste A", fileText: "code_insee\n01001\n2A004\n" });
    expect(first).toMatchObject({ name: "Liste A", version: 1, communeCount: 2, isSample: true, validFrom: "2026-01-01" });
    expect((await listsContaining("01001")).map((l) => l.name)).toEqual(["Liste A"]);

    const second = await importTerritorialList({ ...base, name: "Liste A", validFrom: "2026-07-01", fileText: "CODGEO;nom\n75056;Paris\n" });
    expect(second).toMatchObject({ id: first.id, version: 2, communeCount: 1, validFrom: "2026-07-01" });
    expect(await listsContaining("01001")).toEqual([]);
    expect((await listsContaining("75056")).map((l) => l.version)).toEqual([2]);
    const [kept] =
      await db`select count(*)::int as codes from territorial_list_communes c join territorial_list_versions v on v.id = c.version_id where v.list_id = ${first.id} and v.version = 1`;
    expect(kept.codes).toBe(2);

    const audited = await listAuditPage({ subject: `territorial_list:${first.id}`, page: 1 });
    expect(audited.items.map((e) => [e.action, e.data.version])).toEqual([
      ["territorial_list.imported", 2],
      ["territorial_list.imported", 1],
    ]);
  });

  test("a file with problems is refused line by line and saves nothing", async () => {
    const before =
      await db`select (select count(*)::int from territorial_list_versions) as versions, (select count(*)::int from territorial_lists) as lists`;
    const error = await rejectionOf(importTerritorialList({ ...base, name: "Liste refusée", fileText: "code_insee\n01001\n99999\n01001\n" }));
    expect(error).toBeInstanceOf(ListFileRefused);
    expect((error as ListFileRefused).problems.map((p) => p.line)).toEqual([3, 4]);
    expect((error as ListFileRefused).fieldErrors()).toEqual({ file: "Le fichier n'a pas été importé : 2 problèmes, détaillés ci-dessous." });
    const after =
      await db`select (select count(*)::int from territorial_list_versions) as versions, (select count(*)::int from territorial_lists) as lists`;
    expect(after).toEqual(before);
  });

  test("two admins importing the same list at once get versions 1 and 2, never the same", async () => {
    const imports = await Promise.all(
      ["01001", "01002"].map((code) => importTerritorialList({ ...base, name: "Liste concurrente", fileText: `code_insee\n${code}\n` })),
    );
    expect(imports.map((l) => l.version).sort()).toEqual([1, 2]);
    const lists = await listTerritorialLists();
    expect(lists.find((l) => l.name === "Liste concurrente")?.version).toBe(2);
  });
});
