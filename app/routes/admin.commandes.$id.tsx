import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { OrderPage } from "~/orders/instruction-screens/order-page";
import { orderDecisionAction, orderPage } from "~/orders/instruction-screens/pages.server";
import { instructionSpaces } from "~/orders/instruction-screens/spaces";
import { pageTitle } from "~/ui/page-title";

const space = instructionSpaces.admin;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Commande n° ${data.order.id}` : undefined, space.title, space.titleContext) },
];

export const loader = /* @__PURE__ */ withDomainErrors((args: LoaderFunctionArgs) => orderPage(args, space));

export const action = /* @__PURE__ */ formAction((args) => orderDecisionAction(args, space));

export default function AdminOrder() {
  return <OrderPage space={space} file={useLoaderData<typeof loader>()} answer={useActionData<typeof action>()} />;
}
