import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { OverridePage } from "~/routing/screens/override-page";
import { overrideAction, overridePage } from "~/routing/screens/override.server";
import { overrideSpaces } from "~/routing/screens/spaces";
import { pageTitle } from "~/ui/page-title";

const space = overrideSpaces.admin;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Part de la commande n° ${data.orderId} (${data.maker.name})` : "Part de commande", "Routage", space.titleContext) },
];

export const loader = /* @__PURE__ */ withDomainErrors((args: LoaderFunctionArgs) => overridePage(args, space));

export const action = /* @__PURE__ */ formAction((args) => overrideAction(args, space));

export default function AdminShareOverride() {
  return <OverridePage space={space} share={useLoaderData<typeof loader>()} answer={useActionData<typeof action>()} />;
}
