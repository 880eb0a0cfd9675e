// The envelope under load through HTTP: the workload of load.test.ts (5,000 orders and 500 replays
// over four départements whose caps are far smaller than the demand) sent by 100 concurrent clients
// to the built portal's order form, each structure's member signed in. No 5xx, not a cent over any
// cap, counters equal to the ledger, one order per key, every replay answered with its original's
// order, each département filled to within one order of its cap.
import { beforeAll, describe, test } from "vitest";
import { loadStructures, preparedCampaign, run, workload, type LoadStructure } from "../../support/envelope-load";
import { expectTheEnvelopeHeld, sendOrderForm } from "../../support/envelope-load-http";
import { sessionCookie } from "../../support/fixtures";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { portalForThisFile } from "../../support/portal";

const portal = portalForThisFile();
let world: OrdersWorld;
let structures: LoadStructure[];
const cookies = new Map<number, string>();

beforeAll(async () => {
  const { sql } = portal;
  world = await ordersWorld(sql, { capCents: 2_000_00, capUnits: null });
  await preparedCampaign(sql, world, world.campaign);
  structures = await loadStructures(sql);
  for (const { memberId } of structures) cookies.set(memberId, await sessionCookie(sql, memberId));
}, 120_000);

describe("the envelope under load, through HTTP", () => {
  test(
    "5,000 orders from 100 HTTP clients: no 5xx, no overspend, one order per key, replays answered with their order",
    { timeout: 1_800_000 },
    async () => {
      const { url } = portal.server;
      const outcomes = await run(workload(world, structures), (request) =>
        sendOrderForm(url, { Origin: url, Cookie: cookies.get(request.structure.memberId)! }, request),
      );
      await expectTheEnvelopeHeld(portal.sql, world, outcomes);
    },
  );
});
