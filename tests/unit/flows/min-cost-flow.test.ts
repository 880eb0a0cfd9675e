import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { FlowNetwork, maxFlow, minCostFlow, residualReach } from "~/flows/min-cost-flow";

type Arc = { from: number; to: number; capacity: number; cost: number };
type Graph = { nodes: number; arcs: Arc[] };

const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 2, max: 8 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    arcs: fc.array(
      fc.record({
        from: fc.integer({ min: 0, max: nodes - 1 }),
        to: fc.integer({ min: 0, max: nodes - 1 }),
        capacity: fc.integer({ min: 0, max: 5 }),
        cost: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 24 },
    ),
  }),
);

function network(graph: Graph, capacities = graph.arcs.map((arc) => arc.capacity)) {
  return new FlowNetwork(
    graph.nodes,
    Int32Array.from(graph.arcs.map((arc) => arc.from)),
    Int32Array.from(graph.arcs.map((arc) => arc.to)),
    Int32Array.from(capacities),
    Int32Array.from(graph.arcs.map((arc) => arc.cost)),
  );
}

/**
 * Reference: successive shortest paths, one unit path at a time, Bellman–Ford on an adjacency
 * matrix of residual arcs (textbook, slow, obviously right). Returns the max flow and its min cost.
 */
function referenceMinCostFlow(graph: Graph, source: number, sink: number) {
  const residual = graph.arcs.map((arc) => ({ ...arc, flow: 0 }));
  let flow = 0;
  let cost = 0;
  for (;;) {
    const distance = new Array<number>(graph.nodes).fill(Infinity);
    const via = new Array<{ arc: number; forward: boolean } | null>(graph.nodes).fill(null);
    distance[source] = 0;
    for (let round = 0; round < graph.nodes; round++) {
      residual.forEach((arc, i) => {
        if (arc.flow < arc.capacity && distance[arc.from] + arc.cost < distance[arc.to]) {
          distance[arc.to] = distance[arc.from] + arc.cost;
          via[arc.to] = { arc: i, forward: true };
        }
        if (arc.flow > 0 && distance[arc.to] - arc.cost < distance[arc.from]) {
          distance[arc.from] = distance[arc.to] - arc.cost;
          via[arc.from] = { arc: i, forward: false };
        }
      });
    }
    if (distance[sink] === Infinity || source === sink) return { flow, cost };
    for (let v = sink; v !== source;) {
      const step = via[v]!;
      const arc = residual[step.arc];
      arc.flow += step.forward ? 1 : -1;
      v = step.forward ? arc.from : arc.to;
    }
    flow++;
    cost += distance[sink];
  }
}

function checkFlow(net: FlowNetwork, graph: Graph, source: number, sink: number, value: number) {
  const balance = new Array<number>(graph.nodes).fill(0);
  graph.arcs.forEach((arc, a) => {
    const flow = net.flow(a);
    expect(flow).toBeGreaterThanOrEqual(0);
    expect(flow).toBeLessThanOrEqual(net.capacityOf(a));
    balance[arc.from] -= flow;
    balance[arc.to] += flow;
  });
  balance.forEach((b, v) => {
    const expected = source === sink ? 0 : v === source ? -value : v === sink ? value : 0;
    expect(b - expected).toBe(0);
  });
}

describe("maximum flow (Dinic)", () => {
  test.prop([graphArb])("has the value found by the reference and respects capacities and conservation", (graph) => {
    const sink = graph.nodes - 1;
    const net = network(graph);
    const value = maxFlow(net, 0, sink);
    expect(value).toBe(referenceMinCostFlow(graph, 0, sink).flow);
    checkFlow(net, graph, 0, sink, value);
  });

  test.prop([graphArb, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 24 })])(
    "raising capacities and augmenting again reaches the maximum flow of the raised network",
    (graph, raises) => {
      const sink = graph.nodes - 1;
      const net = network(graph);
      const first = maxFlow(net, 0, sink);
      const raised = graph.arcs.map((arc, a) => arc.capacity + (raises[a] ?? 0));
      raised.forEach((capacity, a) => net.setCapacity(a, capacity));
      const more = maxFlow(net, 0, sink);
      const fresh = network(graph, raised);
      expect(first + more).toBe(maxFlow(fresh, 0, sink));
    },
  );

  test("the source side of a minimum cut is what stays reachable after a maximum flow", () => {
    // 0 → 1 (3), 1 → 3 (1), 0 → 2 (1), 2 → 3 (5): the cut {0, 1} | {2, 3} has capacity 2.
    const graph: Graph = {
      nodes: 4,
      arcs: [
        { from: 0, to: 1, capacity: 3, cost: 0 },
        { from: 1, to: 3, capacity: 1, cost: 0 },
        { from: 0, to: 2, capacity: 1, cost: 0 },
        { from: 2, to: 3, capacity: 5, cost: 0 },
      ],
    };
    const net = network(graph);
    expect(maxFlow(net, 0, 3)).toBe(2);
    expect(Array.from(residualReach(net, [0]))).toEqual([1, 1, 0, 0]);
  });
});

describe("minimum-cost flow (primal-dual: Dijkstra with potentials, Dinic on zero reduced cost)", () => {
  test.prop([graphArb], { numRuns: 300 })("a maximum flow of the minimum cost found by the reference", (graph) => {
    const sink = graph.nodes - 1;
    const net = network(graph);
    const result = minCostFlow(net, 0, sink);
    const reference = referenceMinCostFlow(graph, 0, sink);
    expect(result.flow).toBe(reference.flow);
    expect(result.cost).toBe(reference.cost);
    expect(net.flowCost()).toBe(reference.cost);
    checkFlow(net, graph, 0, sink, result.flow);
  });

  test("few phases when costs are tiny: one per distinct shortest-path length, not one per unit", () => {
    // 30 × 30 bipartite graph, costs 0/1 (few zeros), each left node needs 3: 90 units of flow.
    const n = 30;
    const arcs: Arc[] = [];
    for (let i = 0; i < n; i++) arcs.push({ from: 0, to: 1 + i, capacity: 3, cost: 0 });
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) arcs.push({ from: 1 + i, to: 1 + n + j, capacity: 1, cost: (i * 7 + j * 3) % 11 === 0 ? 0 : 1 });
    for (let j = 0; j < n; j++) arcs.push({ from: 1 + n + j, to: 2 * n + 1, capacity: 3, cost: 0 });
    const graph = { nodes: 2 * n + 2, arcs };
    const result = minCostFlow(network(graph), 0, 2 * n + 1);
    const reference = referenceMinCostFlow(graph, 0, 2 * n + 1);
    expect(result.flow).toBe(90);
    expect(reference.cost).toBeGreaterThan(0);
    expect(result.cost).toBe(reference.cost);
    expect(result.phases).toBeLessThanOrEqual(4);
  });

  test("refuses negative costs and arcs outside the network", () => {
    const one = (cost: number, to = 1) => new FlowNetwork(2, Int32Array.of(0), Int32Array.of(to), Int32Array.of(1), Int32Array.of(cost));
    expect(() => one(-1)).toThrow(RangeError);
    expect(() => one(0, 2)).toThrow(RangeError);
  });
});
