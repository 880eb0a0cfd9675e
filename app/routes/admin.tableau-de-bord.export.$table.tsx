import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardExport } from "~/dashboards/pages.server";
import { dashboardSpaces } from "~/dashboards/spaces";
import { withDomainErrors } from "~/http/answers.server";

export const loader = /* @__PURE__ */ withDomainErrors((args: LoaderFunctionArgs) => dashboardExport(args, dashboardSpaces.admin));
