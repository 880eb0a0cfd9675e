import outlines from "~/envelope/departement-outlines.json";

// Distances between départements for the routing of orders: the reference data has no commune
// coordinates, so each département is its map outline's area centroid, and a distance is the
// straight line between two centroids, in kilometres. Computed once, at load; pure.

type Point = { x: number; y: number };

/**
 * The polygons of an SVG path (m/l/h/v/z, absolute or relative; a curve counts by its end point,
 * which moves a centroid by far less than a kilometre at this scale).
 */
function polygons(path: string): Point[][] {
  const tokens = path.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const rings: Point[][] = [];
  let ring: Point[] = [];
  let x = 0;
  let y = 0;
  let start = { x: 0, y: 0 };
  let command = "";
  let i = 0;
  const number = () => Number(tokens[i++]);
  const close = () => {
    if (ring.length > 2) rings.push(ring);
    ring = [];
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    const relative = command === command.toLowerCase();
    switch (command.toLowerCase()) {
      case "m": {
        close();
        const dx = number();
        const dy = number();
        x = relative ? x + dx : dx;
        y = relative ? y + dy : dy;
        start = { x, y };
        ring.push({ x, y });
        // Further pairs after a moveto are linetos.
        command = relative ? "l" : "L";
        break;
      }
      case "l": {
        const dx = number();
        const dy = number();
        x = relative ? x + dx : dx;
        y = relative ? y + dy : dy;
        ring.push({ x, y });
        break;
      }
      case "h":
        x = relative ? x + number() : number();
        ring.push({ x, y });
        break;
      case "v":
        y = relative ? y + number() : number();
        ring.push({ x, y });
        break;
      case "c":
      case "s": {
        const skip = command.toLowerCase() === "c" ? 4 : 2;
        i += skip;
        const dx = number();
        const dy = number();
        x = relative ? x + dx : dx;
        y = relative ? y + dy : dy;
        ring.push({ x, y });
        break;
      }
      case "z":
        close();
        x = start.x;
        y = start.y;
        break;
      default:
        throw new Error(`unexpected path command ${command}`);
    }
  }
  close();
  return rings;
}

/** The area centroid of a path's polygons (shoelace), each ring weighted by its area. */
export function pathCentroid(path: string): Point {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of polygons(path)) {
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k];
      const b = ring[(k + 1) % ring.length];
      const cross = a.x * b.y - b.x * a.y;
      area += cross;
      cx += (a.x + b.x) * cross;
      cy += (a.y + b.y) * cross;
    }
  }
  return { x: cx / (3 * area), y: cy / (3 * area) };
}

const metropole: Record<string, string> = outlines.metropole.departements;
const centroids = new Map(Object.entries(metropole).map(([code, path]) => [code, pathCentroid(path)]));

// The map's scale, from its own extent: its northernmost point (Bray-Dunes, 51.09° N) and its
// southernmost (Cap Pertusato in Corsica, 41.37° N) are 9.72° of latitude apart, 1,081 km.
const NORTH_SOUTH_KM = 1081;
const ys = Object.values(metropole).flatMap((path) => polygons(path).flatMap((ring) => ring.map((point) => point.y)));
const KM_PER_UNIT = NORTH_SOUTH_KM / (Math.max(...ys) - Math.min(...ys));

/** Whether the département is overseas: its outline is an inset on the map, not placed on the globe. */
export function isOverseas(code: string): boolean {
  return code in outlines.overseas;
}

/**
 * Centroid to centroid, in whole kilometres, between two metropolitan départements (0 from a
 * département to itself, wherever it is); null when either is overseas and they differ: an
 * inset's position says nothing of the distance, so routing never crosses the sea (see route-plan.ts).
 */
export function departementDistanceKm(from: string, to: string): number | null {
  if (from === to) return 0;
  const a = centroids.get(from);
  const b = centroids.get(to);
  if (!a || !b) return null;
  return Math.round(Math.hypot(a.x - b.x, a.y - b.y) * KM_PER_UNIT);
}
