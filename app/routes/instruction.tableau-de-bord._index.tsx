import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DASHBOARD_TITLE, DashboardScreen } from "~/dashboards/dashboard-screen";
import { dashboardPage } from "~/dashboards/pages.server";
import { dashboardSpaces } from "~/dashboards/spaces";
import { withDomainErrors } from "~/http/answers.server";
import { pageTitle } from "~/ui/page-title";

const space = dashboardSpaces.instruction;

export const meta: MetaFunction = () => [{ title: pageTitle(DASHBOARD_TITLE, space.titleContext) }];

export const loader = /* @__PURE__ */ withDomainErrors((args: LoaderFunctionArgs) => dashboardPage(args, space));

export default function InstructionDashboard() {
  return <DashboardScreen space={space} data={useLoaderData<typeof loader>()} />;
}
