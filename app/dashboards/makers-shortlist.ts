import type { LeadTime, MakerLoad } from "./figures.server";

// Per maker, a dashboard shows the ones to look at first; the CSV beside each table has them all.
// At national size 500 makers made two tables and a chart longer than the rest of the page, and
// their rows were half of the data the page sent to the browser. The page's loader keeps only
// these, so the rest never leaves the server.

const MAKERS_SHOWN = 20;

export type MakersShortlist<T> = { shown: T[]; total: number };

/** The makers whose median lead time is longest (then their 90th percentile). */
export function slowestMakers(byMaker: LeadTime[]): MakersShortlist<LeadTime> {
  const slowest = [...byMaker].sort((a, b) => b.medianDays - a.medianDays || b.p90Days - a.p90Days);
  return { shown: slowest.slice(0, MAKERS_SHOWN), total: byMaker.length };
}

/** Share of its month's capacity routed to a maker, in percent. */
export const loadPercent = (load: MakerLoad) => (load.capacity > 0 ? (100 * load.routedUnits) / load.capacity : 0);

/** The most loaded makers (`load` comes most loaded first), and how many are at full capacity. */
export function mostLoadedMakers(load: MakerLoad[]): MakersShortlist<MakerLoad> & { atFullCapacity: number } {
  return {
    shown: load.slice(0, MAKERS_SHOWN),
    total: load.length,
    atFullCapacity: load.filter((maker) => maker.routedUnits >= maker.capacity).length,
  };
}
