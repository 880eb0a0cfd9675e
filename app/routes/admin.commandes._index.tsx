import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { bulkApprovalAction, queuePage } from "~/orders/instruction-screens/pages.server";
import { OrderQueue } from "~/orders/instruction-screens/order-queue";
import { instructionSpaces } from "~/orders/instruction-screens/spaces";
import { pageTitle } from "~/ui/page-title";

const space = instructionSpaces.admin;

export const meta: MetaFunction = () => [{ title: pageTitle(space.title, space.titleContext) }];

export const loader = /* @__PURE__ */ withDomainErrors((args: LoaderFunctionArgs) => queuePage(args, space));

export const action = /* @__PURE__ */ formAction((args) => bulkApprovalAction(args, space));

export default function AdminOrders() {
  return <OrderQueue space={space} data={useLoaderData<typeof loader>()} answer={useActionData<typeof action>()} />;
}
