// Which maker builds which units of the approved order lines: as many units as the makers' months
// can take, then the least total distance (units × kilometres from the maker's département to the
// structure's), as a minimum-cost flow (docs/decisions/029-routing.md). Pure, no I/O.
//
// Network: source → (département, kit) of the lines (capacity: their units) → (maker, kit) offers
// covering that département (cost: the distance in km) → sink (capacity: what the maker's month has
// left). Lines of one département and kit are interchangeable for the cost, so they share a node:
// ~100 départements × kits nodes, whatever the number of lines. The flow of a node is then handed to
// its lines in the order given (oldest order first), each line from its nearest makers first.
import { FlowNetwork, INFINITE_CAPACITY, minCostFlow } from "~/flows/min-cost-flow";
import { seededRandom } from "~/flows/seeded-random";
import { plural } from "~/ui/plural";
import { departementDistanceKm, isOverseas } from "./distances";

export type LineToRoute = {
  orderId: number;
  kitId: number;
  units: number;
  departement: string;
  /** Makers whose share of the order can no longer grow: accepted, or counted on another month (decision 029). */
  excludedMakers?: readonly number[];
};

export type MakerOffer = {
  makerId: number;
  kitId: number;
  /** Where the maker is (its commune's département): distances are measured from there. */
  makerDepartement: string;
  /** The départements it delivers this kit to. */
  departements: readonly string[];
  /** Units of this kit its month can still take. */
  remainingUnits: number;
  paused: boolean;
};

export type RoutedUnits = { orderId: number; kitId: number; makerId: number; units: number; distanceKm: number };

export type UnroutedCause = "no_maker" | "busy" | "paused" | "capacity";
export type UnroutedLine = { orderId: number; kitId: number; departement: string; units: number; cause: UnroutedCause; reason: string };

export type RoutePlan = { routes: RoutedUnits[]; unrouted: UnroutedLine[]; routedUnits: number; totalCost: number };

/**
 * Whether the offer may serve a structure of the département, and at what distance. Overseas
 * départements are insets on the map, not placed on the globe: an overseas structure is served
 * only by makers of its own département covering it, and an overseas maker serves only its own
 * département (null: no route).
 */
function reach(offer: MakerOffer, departement: string): number | null {
  if (!offer.departements.includes(departement)) return null;
  if ((isOverseas(departement) || isOverseas(offer.makerDepartement)) && offer.makerDepartement !== departement) return null;
  return departementDistanceKm(offer.makerDepartement, departement);
}

const groupKey = (line: LineToRoute) => `${line.departement}|${line.kitId}|${[...(line.excludedMakers ?? [])].sort((a, b) => a - b).join(",")}`;

type Group = { departement: string; kitId: number; excludedMakers: readonly number[]; units: number; lines: LineToRoute[] };

/**
 * The routes of the lines to the offers. `seed` breaks ties between equally near makers (the
 * order of the arcs the flow tries first): the same lines, offers and seed give the same plan.
 */
export function planRoutes(lines: readonly LineToRoute[], offers: readonly MakerOffer[], seed: number): RoutePlan {
  const random = seededRandom(seed);
  const groups = new Map<string, Group>();
  for (const line of lines) {
    if (line.units <= 0) continue;
    const key = groupKey(line);
    const group = groups.get(key) ?? {
      departement: line.departement,
      kitId: line.kitId,
      excludedMakers: line.excludedMakers ?? [],
      units: 0,
      lines: [],
    };
    group.units += line.units;
    group.lines.push(line);
    groups.set(key, group);
  }
  const open = offers.filter((offer) => !offer.paused && offer.remainingUnits > 0);
  const groupList = [...groups.values()];
  const offerOrder = Int32Array.from(open.keys());
  random.shuffle(offerOrder);

  // Nodes: 0 source, 1 sink, then groups, then offers.
  const groupNode = (g: number) => 2 + g;
  const offerNode = (o: number) => 2 + groupList.length + o;
  const tails: number[] = [];
  const heads: number[] = [];
  const capacities: number[] = [];
  const costs: number[] = [];
  const arc = (tail: number, head: number, capacity: number, cost: number) => {
    tails.push(tail);
    heads.push(head);
    capacities.push(capacity);
    costs.push(cost);
    return tails.length - 1;
  };
  const links: { arc: number; group: number; offer: number; distanceKm: number }[] = [];
  groupList.forEach((group, g) => {
    arc(0, groupNode(g), group.units, 0);
    for (const o of offerOrder) {
      const offer = open[o];
      if (offer.kitId !== group.kitId || group.excludedMakers.includes(offer.makerId)) continue;
      const distanceKm = reach(offer, group.departement);
      if (distanceKm !== null) links.push({ arc: arc(groupNode(g), offerNode(o), INFINITE_CAPACITY, distanceKm), group: g, offer: o, distanceKm });
    }
  });
  open.forEach((offer, o) => arc(offerNode(o), 1, offer.remainingUnits, 0));
  const net = new FlowNetwork(
    2 + groupList.length + open.length,
    Int32Array.from(tails),
    Int32Array.from(heads),
    Int32Array.from(capacities),
    Int32Array.from(costs),
  );
  const { cost } = minCostFlow(net, 0, 1);

  // Each group's flow, nearest offers first, handed to its lines in order.
  const byGroup = groupList.map(() => [] as { makerId: number; units: number; distanceKm: number }[]);
  for (const link of links) {
    const units = net.flow(link.arc);
    if (units > 0) byGroup[link.group].push({ makerId: open[link.offer].makerId, units, distanceKm: link.distanceKm });
  }
  const routes: RoutedUnits[] = [];
  const unrouted: UnroutedLine[] = [];
  groupList.forEach((group, g) => {
    const supply = byGroup[g].sort((a, b) => a.distanceKm - b.distanceKm);
    let s = 0;
    let coverage: Coverage | undefined;
    for (const line of group.lines) {
      let wanted = line.units;
      while (wanted > 0 && s < supply.length) {
        const taken = Math.min(wanted, supply[s].units);
        const { makerId, distanceKm } = supply[s];
        const last = routes[routes.length - 1];
        if (last && last.orderId === line.orderId && last.kitId === line.kitId && last.makerId === makerId) last.units += taken;
        else routes.push({ orderId: line.orderId, kitId: line.kitId, makerId, units: taken, distanceKm });
        wanted -= taken;
        supply[s].units -= taken;
        if (supply[s].units === 0) s++;
      }
      if (wanted > 0)
        unrouted.push({
          orderId: line.orderId,
          kitId: line.kitId,
          departement: line.departement,
          units: wanted,
          ...explain(group, (coverage ??= coverageOf(group, offers)), wanted),
        });
    }
  });
  const routedUnits = routes.reduce((sum, route) => sum + route.units, 0);
  return { routes, unrouted, routedUnits, totalCost: cost };
}

/** Why units of the département's kit are left: no maker at all, all paused, or no month left. */
type Coverage = { all: number; covering: number; active: number };

/** How many makers build the group's kit for its département: at all, not passed over, not paused. Once per group. */
function coverageOf(group: Group, offers: readonly MakerOffer[]): Coverage {
  const all = offers.filter((offer) => offer.kitId === group.kitId && reach(offer, group.departement) !== null);
  const covering = all.filter((offer) => !group.excludedMakers.includes(offer.makerId));
  return { all: all.length, covering: covering.length, active: covering.filter((offer) => !offer.paused).length };
}

function explain(group: Group, { all, covering, active }: Coverage, missing: number): { cause: UnroutedCause; reason: string } {
  const where = `le département ${group.departement}`;
  if (covering === 0 && all > 0) {
    return {
      cause: "busy",
      reason:
        `${all === 1 ? "Le seul fabricant qui livre" : "Chacun des fabricants qui livrent"} ce kit dans ${where} a déjà une part de cette commande, ` +
        "acceptée ou comptée sur un mois précédent, qui ne peut plus grandir : un instructeur ou un gestionnaire peut confier cette part à un autre fabricant.",
    };
  }
  if (covering === 0) {
    return {
      cause: "no_maker",
      reason: isOverseas(group.departement)
        ? `Aucun fabricant installé dans ${where} ne livre ce kit : un département d'outre-mer n'est servi que par les fabricants qui y sont installés.`
        : `Aucun fabricant ne livre ce kit dans ${where}.`,
    };
  }
  if (active === 0) {
    return {
      cause: "paused",
      reason: `${covering === 1 ? "Le seul fabricant qui livre" : `Les ${covering} fabricants qui livrent`} ce kit dans ${where} ${covering === 1 ? "est" : "sont"} en pause.`,
    };
  }
  const paused = covering - active;
  const makers = active === 1 ? "Le seul fabricant qui livre" : `Les ${active} fabricants qui livrent`;
  return {
    cause: "capacity",
    reason:
      `${makers} ce kit dans ${where}${paused > 0 ? ` (hors ${plural(paused, "fabricant en pause", "fabricants en pause")})` : ""} ` +
      `${active === 1 ? "a épuisé sa" : "ont épuisé leur"} capacité de ce mois : il manque ${plural(missing, "unité", "unités")} pour cette ligne.`,
  };
}
