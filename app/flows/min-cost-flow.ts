// Maximum flow and minimum-cost flow on a residual network held in typed arrays (CSR), for graphs
// of a few million arcs: the jury assignment has ~1,000,000 entry→juror arcs (see
// docs/decisions/004-assignment-solver.md). Pure, no I/O.
//
// - `maxFlow`: Dinic (BFS level graph, then blocking flow by an iterative DFS with current-arc
//   pointers). It augments from the network's current flow, so raising capacities and calling it
//   again continues where it stopped.
// - `minCostFlow`: primal-dual. A Dijkstra on reduced costs (Johnson potentials) gives the
//   shortest-path distances; then a whole maximum flow is pushed through the admissible subgraph
//   (residual arcs of zero reduced cost) with the same Dinic routine. The number of Dijkstra phases
//   is the number of distinct shortest-path lengths met, which is tiny when costs are tiny integers
//   — unlike successive shortest paths, which would run one Dijkstra per unit of flow.
//
// Each arc a has a forward slot and a reverse slot (`mate`); residual[slot] is the remaining
// capacity, the flow on a is residual[reverse slot]. Within a node's block, slots keep the order in
// which their arcs were given: that order is the tie-breaking between equally good paths.

/** Capacity meaning "unbounded"; sums of a few of these still fit in a double exactly. */
export const INFINITE_CAPACITY = 0x3fffffff;
const UNREACHED = 0x3fffffff;

export class FlowNetwork {
  readonly nodeCount: number;
  readonly arcCount: number;
  /** Slots of node v are first[v] … first[v + 1] - 1. */
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly residual: Int32Array;
  readonly cost: Int32Array;
  readonly mate: Int32Array;
  /** Forward slot of each arc. */
  readonly arcSlot: Int32Array;
  private readonly capacity: Int32Array;

  /**
   * Builds the network from parallel arrays (arc a goes from tails[a] to heads[a]). Costs must be
   * non-negative integers (minCostFlow needs no negative-cost arc), with nodeCount × max cost < 2^30.
   */
  constructor(nodeCount: number, tails: Int32Array, heads: Int32Array, capacities: Int32Array, costs?: Int32Array) {
    const arcCount = tails.length;
    if (heads.length !== arcCount || capacities.length !== arcCount || (costs && costs.length !== arcCount)) {
      throw new RangeError("tails, heads, capacities and costs must have the same length");
    }
    this.nodeCount = nodeCount;
    this.arcCount = arcCount;
    const first = new Int32Array(nodeCount + 1);
    for (let a = 0; a < arcCount; a++) {
      const u = tails[a];
      const v = heads[a];
      if (u < 0 || u >= nodeCount || v < 0 || v >= nodeCount) throw new RangeError(`arc ${a} has an endpoint outside the network`);
      if (capacities[a] < 0) throw new RangeError(`arc ${a} has a negative capacity`);
      if (costs && costs[a] < 0) throw new RangeError(`arc ${a} has a negative cost`);
      first[u + 1]++;
      first[v + 1]++;
    }
    for (let v = 0; v < nodeCount; v++) first[v + 1] += first[v];
    const slots = 2 * arcCount;
    const next = first.slice(0, nodeCount);
    this.first = first;
    this.head = new Int32Array(slots);
    this.residual = new Int32Array(slots);
    this.cost = new Int32Array(slots);
    this.mate = new Int32Array(slots);
    this.arcSlot = new Int32Array(arcCount);
    this.capacity = capacities.slice();
    for (let a = 0; a < arcCount; a++) {
      const u = tails[a];
      const v = heads[a];
      const forward = next[u]++;
      const backward = next[v]++;
      const c = costs ? costs[a] : 0;
      this.head[forward] = v;
      this.head[backward] = u;
      this.residual[forward] = capacities[a];
      this.cost[forward] = c;
      this.cost[backward] = -c;
      this.mate[forward] = backward;
      this.mate[backward] = forward;
      this.arcSlot[a] = forward;
    }
  }

  flow(arc: number): number {
    return this.residual[this.mate[this.arcSlot[arc]]];
  }

  capacityOf(arc: number): number {
    return this.capacity[arc];
  }

  /** Changes an arc's capacity, keeping its flow (which must fit). */
  setCapacity(arc: number, capacity: number): void {
    const flow = this.flow(arc);
    if (capacity < flow) throw new RangeError(`arc ${arc} carries ${flow}, more than the new capacity ${capacity}`);
    this.capacity[arc] = capacity;
    this.residual[this.arcSlot[arc]] = capacity - flow;
  }

  /** Moves `amount` units of flow onto (positive) or off (negative) an arc, within its capacity. */
  addFlow(arc: number, amount: number): void {
    const slot = this.arcSlot[arc];
    const flow = this.residual[this.mate[slot]] + amount;
    if (flow < 0 || flow > this.capacity[arc]) throw new RangeError(`arc ${arc}: flow ${flow} outside [0, ${this.capacity[arc]}]`);
    this.residual[slot] -= amount;
    this.residual[this.mate[slot]] += amount;
  }

  resetFlow(): void {
    for (let a = 0; a < this.arcCount; a++) {
      const slot = this.arcSlot[a];
      this.residual[slot] = this.capacity[a];
      this.residual[this.mate[slot]] = 0;
    }
  }

  /** Total cost of the current flow. */
  flowCost(): number {
    let total = 0;
    for (let a = 0; a < this.arcCount; a++) {
      const slot = this.arcSlot[a];
      total += this.cost[slot] * this.residual[this.mate[slot]];
    }
    return total;
  }
}

type Workspace = { level: Int32Array; queue: Int32Array; cursor: Int32Array; pathSlots: Int32Array; pathNodes: Int32Array };

function workspace(nodeCount: number): Workspace {
  return {
    level: new Int32Array(nodeCount),
    queue: new Int32Array(nodeCount),
    cursor: new Int32Array(nodeCount),
    pathSlots: new Int32Array(nodeCount),
    pathNodes: new Int32Array(nodeCount),
  };
}

/**
 * Dinic from the current flow. With `potentials`, only admissible slots are used: residual > 0
 * and reduced cost cost + π(u) − π(v) = 0 (the primal-dual inner step).
 */
function dinic(net: FlowNetwork, source: number, sink: number, ws: Workspace, potentials: Int32Array | null): number {
  const { first, head, residual, mate, cost } = net;
  const { level, queue, cursor, pathSlots, pathNodes } = ws;
  const n = net.nodeCount;
  let total = 0;
  for (;;) {
    // Level graph: BFS from the source, stopped after the sink's layer.
    level.fill(-1);
    level[source] = 0;
    queue[0] = source;
    let qHead = 0;
    let qTail = 1;
    let sinkLevel = UNREACHED;
    while (qHead < qTail) {
      const u = queue[qHead++];
      const lu = level[u];
      if (lu >= sinkLevel) break;
      const pu = potentials ? potentials[u] : 0;
      for (let slot = first[u], end = first[u + 1]; slot < end; slot++) {
        if (residual[slot] <= 0) continue;
        const v = head[slot];
        if (level[v] >= 0) continue;
        if (potentials && cost[slot] + pu - potentials[v] !== 0) continue;
        level[v] = lu + 1;
        if (v === sink) sinkLevel = lu + 1;
        queue[qTail++] = v;
      }
    }
    if (sinkLevel === UNREACHED) return total;
    for (let v = 0; v < n; v++) cursor[v] = first[v];

    // Blocking flow, one path at a time, retreating from dead ends.
    let depth = 0;
    let u = source;
    for (;;) {
      if (u === sink) {
        let bottleneck = INFINITE_CAPACITY;
        for (let i = 0; i < depth; i++) if (residual[pathSlots[i]] < bottleneck) bottleneck = residual[pathSlots[i]];
        for (let i = 0; i < depth; i++) {
          residual[pathSlots[i]] -= bottleneck;
          residual[mate[pathSlots[i]]] += bottleneck;
        }
        total += bottleneck;
        // Resume from the tail of the first saturated slot.
        let k = 0;
        while (residual[pathSlots[k]] > 0) k++;
        depth = k;
        u = pathNodes[k];
        continue;
      }
      const wanted = level[u] + 1;
      const pu = potentials ? potentials[u] : 0;
      const end = first[u + 1];
      let slot = cursor[u];
      for (; slot < end; slot++) {
        if (residual[slot] <= 0) continue;
        const v = head[slot];
        if (level[v] !== wanted) continue;
        if (potentials && cost[slot] + pu - potentials[v] !== 0) continue;
        break;
      }
      cursor[u] = slot;
      if (slot < end) {
        pathNodes[depth] = u;
        pathSlots[depth] = slot;
        depth++;
        u = head[slot];
      } else {
        level[u] = -1; // dead end for the rest of this round
        if (depth === 0) break;
        depth--;
        u = pathNodes[depth];
        cursor[u]++;
      }
    }
  }
}

/** Augments the current flow to a maximum flow; returns the flow added. */
export function maxFlow(net: FlowNetwork, source: number, sink: number): number {
  return dinic(net, source, sink, workspace(net.nodeCount), null);
}

/** A binary min-heap of (distance, node) packed in one double: distance · 2^22 + node. */
class PackedHeap {
  private keys = new Float64Array(1024);
  size = 0;
  push(key: number) {
    if (this.size === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    const keys = this.keys;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      i = parent;
    }
    keys[i] = key;
  }
  pop(): number {
    const keys = this.keys;
    const top = keys[0];
    const last = keys[--this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= last) break;
      keys[i] = keys[child];
      i = child;
    }
    keys[i] = last;
    return top;
  }
}
const NODE_SPAN = 0x400000;

/**
 * Dijkstra on reduced costs from the source, stopped when the sink is settled; then
 * π(v) += min(d(v), d(sink)), which keeps every residual reduced cost non-negative and makes the
 * shortest source→sink paths exactly the paths of zero reduced cost. False when the sink is unreachable.
 */
function updatePotentials(
  net: FlowNetwork,
  source: number,
  sink: number,
  potentials: Int32Array,
  distance: Int32Array,
  settled: Uint8Array,
): boolean {
  const { first, head, residual, cost } = net;
  if (net.nodeCount > NODE_SPAN) throw new RangeError("too many nodes for the packed heap");
  distance.fill(UNREACHED);
  settled.fill(0);
  const heap = new PackedHeap();
  distance[source] = 0;
  heap.push(source);
  let sinkDistance = UNREACHED;
  while (heap.size > 0) {
    const key = heap.pop();
    const u = key % NODE_SPAN;
    const du = (key - u) / NODE_SPAN;
    if (settled[u] || du > distance[u]) continue;
    settled[u] = 1;
    if (u === sink) {
      sinkDistance = du;
      break;
    }
    const pu = potentials[u];
    for (let slot = first[u], end = first[u + 1]; slot < end; slot++) {
      if (residual[slot] <= 0) continue;
      const v = head[slot];
      if (settled[v]) continue;
      const dv = du + cost[slot] + pu - potentials[v];
      if (dv < distance[v]) {
        distance[v] = dv;
        heap.push(dv * NODE_SPAN + v);
      }
    }
  }
  if (sinkDistance === UNREACHED) return false;
  for (let v = 0; v < net.nodeCount; v++) potentials[v] += distance[v] < sinkDistance ? distance[v] : sinkDistance;
  return true;
}

export type MinCostFlowStats = { flow: number; cost: number; phases: number };

/**
 * A minimum-cost maximum flow from the source to the sink, starting from zero flow (the network's
 * flow is reset). Costs are non-negative integers, so zero potentials are a valid start.
 */
export function minCostFlow(net: FlowNetwork, source: number, sink: number): MinCostFlowStats {
  net.resetFlow();
  const n = net.nodeCount;
  const potentials = new Int32Array(n);
  const distance = new Int32Array(n);
  const settled = new Uint8Array(n);
  const ws = workspace(n);
  let flow = 0;
  let phases = 0;
  while (updatePotentials(net, source, sink, potentials, distance, settled)) {
    phases++;
    const pushed = dinic(net, source, sink, ws, potentials);
    if (pushed === 0) throw new Error("minCostFlow: a shortest path was found but nothing could be pushed along it");
    flow += pushed;
  }
  return { flow, cost: net.flowCost(), phases };
}

/**
 * Nodes reachable from `starts` through residual slots (residual > 0), never entering a node
 * marked in `barrier` (those are not marked reached). Returns a 0/1 mark per node.
 */
export function residualReach(net: FlowNetwork, starts: ArrayLike<number>, barrier?: Uint8Array): Uint8Array {
  const { first, head, residual } = net;
  const reached = new Uint8Array(net.nodeCount);
  const queue = new Int32Array(net.nodeCount);
  let qTail = 0;
  for (let i = 0; i < starts.length; i++) {
    const v = starts[i];
    if (!reached[v]) {
      reached[v] = 1;
      queue[qTail++] = v;
    }
  }
  for (let qHead = 0; qHead < qTail; qHead++) {
    const u = queue[qHead];
    for (let slot = first[u], end = first[u + 1]; slot < end; slot++) {
      if (residual[slot] <= 0) continue;
      const v = head[slot];
      if (reached[v] || (barrier && barrier[v])) continue;
      reached[v] = 1;
      queue[qTail++] = v;
    }
  }
  return reached;
}
