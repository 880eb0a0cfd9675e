import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/accounts/permissions.server";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { NotFound } from "~/infra/domain-errors";
import { reachOf } from "~/structures/verification";
import { dashboard, dashboardView } from "./dashboard.server";
import { exportFilename, exportStream } from "./exports.server";
import { dashboardQuerySchema, dashboardTables } from "./schemas";
import type { DashboardSpace } from "./spaces";

// The HTTP part of the dashboard, the same for the admin's and the instructors' routes, which only
// name their space: who may enter (its role) and which départements they see (its reach).

async function readerIn(request: Request, space: DashboardSpace) {
  const user = await requireUser(request, { role: space.role });
  return reachOf(user.memberships, space.key);
}

export async function dashboardPage({ request }: LoaderFunctionArgs, space: DashboardSpace) {
  const reach = await readerIn(request, space);
  const query = readQuery(request, dashboardQuerySchema);
  return { query, ...(await dashboard({ reach, query, now: now() })) };
}

const tableParam = z.enum(dashboardTables);

/** One table of the dashboard as a CSV download, over the view the page's query string names. */
export async function dashboardExport({ request, params }: LoaderFunctionArgs, space: DashboardSpace) {
  const reach = await readerIn(request, space);
  const table = tableParam.safeParse(params.table);
  if (!table.success) throw new NotFound("Ce tableau n'existe pas.");
  const query = readQuery(request, dashboardQuerySchema);
  const view = await dashboardView({ reach, query, now: now() });
  if (!view) throw new NotFound("Aucune campagne de distribution n'existe encore.");
  return new Response(exportStream({ table: table.data, view, query }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFilename(table.data, view)}"`,
      "Cache-Control": "no-store",
    },
  });
}
