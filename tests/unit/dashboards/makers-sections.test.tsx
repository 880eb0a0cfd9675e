// Per maker, the dashboard shows the ones to look at first and leaves the rest to the CSV: at
// national size 500 makers made two tables and a chart longer than the rest of the page, and half
// of the data sent to the browser.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { LeadTimesSection, MakersLoadSection, type ExportLinks } from "~/dashboards/dashboard-sections";
import type { LeadTime, MakerLoad } from "~/dashboards/figures.server";
import { mostLoadedMakers, slowestMakers } from "~/dashboards/makers-shortlist";
import { dashboardSpaces } from "~/dashboards/spaces";

const links: ExportLinks = { space: dashboardSpaces.admin, search: "" };
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const rowHeaders = (html: string, caption: string) => {
  const table = html.slice(html.indexOf(caption));
  return [...table.slice(0, table.indexOf("</table>")).matchAll(/<th[^>]*scope="row"[^>]*>([^<]+)</g)].map((m) => m[1]);
};

// Most loaded first, as makersLoad() gives them.
const load = (count: number): MakerLoad[] =>
  Array.from({ length: count }, (_, i) => ({
    makerId: i + 1,
    name: `Atelier ${String(i + 1).padStart(3, "0")}`,
    capacity: 100,
    routedUnits: 100 - i,
  }));
const leads = (count: number): LeadTime[] =>
  Array.from({ length: count }, (_, i) => ({
    key: String(i + 1),
    name: `Atelier ${String(i + 1).padStart(3, "0")}`,
    orders: 3,
    medianDays: (i * 7) % 31,
    p90Days: 40,
  }));

describe("the makers' sections of a dashboard", () => {
  test("the shortlists keep 20 makers and count them all", () => {
    const loaded = mostLoadedMakers([
      ...load(498),
      { makerId: 499, name: "Atelier plein", capacity: 10, routedUnits: 10 },
      { makerId: 500, name: "Atelier vide", capacity: 0, routedUnits: 0 },
    ]);
    expect(loaded.shown.map((m) => m.makerId)).toEqual(load(20).map((m) => m.makerId));
    expect(loaded.total).toBe(500);
    // Atelier 001 (100 of 100), the full one, and the one without capacity.
    expect(loaded.atFullCapacity).toBe(3);
    const slowest = slowestMakers(leads(500));
    expect(slowest.total).toBe(500);
    expect(slowest.shown).toHaveLength(20);
    expect(slowest.shown.every((l, i) => i === 0 || l.medianDays <= slowest.shown[i - 1].medianDays)).toBe(true);
    expect(slowest.shown[0].medianDays).toBe(30);
    expect(
      slowestMakers(leads(3))
        .shown.map((l) => l.key)
        .sort(),
    ).toEqual(["1", "2", "3"]);
  });

  test("500 makers: the 20 most loaded in the chart and its table, all of them in the CSV", () => {
    const html = renderToStaticMarkup(<MakersLoadSection load={mostLoadedMakers(load(500))} month="2026-12-01" links={links} />);
    const rows = rowHeaders(html, "Unités attribuées et capacité");
    expect(rows).toEqual(load(20).map((m) => m.name));
    expect(html.match(/<rect/g)?.length).toBe(20);
    expect(text(html)).toContain("Les 20 plus chargés sur 500 fabricants ; tous figurent dans le fichier CSV.");
    expect(text(html)).toContain("500 fabricants, dont 1 à pleine capacité");
    expect(html).toContain('href="/admin/tableau-de-bord/export/charge-fabricants"');
  });

  test("500 makers: the 20 longest median lead times, longest first", () => {
    const all = leads(500);
    const html = renderToStaticMarkup(<LeadTimesSection byDepartement={leads(3)} byMaker={slowestMakers(all)} links={links} />);
    const rows = rowHeaders(html, "Délais par fabricant");
    const expected = [...all].sort((a, b) => b.medianDays - a.medianDays || b.p90Days - a.p90Days).slice(0, 20);
    expect(rows).toEqual(expected.map((l) => l.name));
    expect(expected[0].medianDays).toBe(30);
    expect(text(html)).toContain("Les 20 aux délais médians les plus longs sur 500 fabricants");
  });

  test("a handful of makers: all of them, and no note", () => {
    const html = renderToStaticMarkup(<MakersLoadSection load={mostLoadedMakers(load(3))} month="2026-12-01" links={links} />);
    expect(rowHeaders(html, "Unités attribuées et capacité")).toEqual(["Atelier 001", "Atelier 002", "Atelier 003"]);
    expect(text(html)).not.toContain("figurent dans le fichier CSV");
  });
});
