import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { decisionAction, structurePage } from "~/structures/review-screens/pages.server";
import { reviewSpaces } from "~/structures/review-screens/spaces";
import { StructureReviewPage } from "~/structures/review-screens/structure-review-page";
import { pageTitle } from "~/ui/page-title";

const space = reviewSpaces.admin;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.structure.legalName, space.title, space.titleContext) }];

export const loader = /* @__PURE__ */ withDomainErrors((args: LoaderFunctionArgs) => structurePage(args, space));

export const action = /* @__PURE__ */ formAction((args) => decisionAction(args, space));

export default function AdminStructure() {
  return <StructureReviewPage space={space} file={useLoaderData<typeof loader>()} answer={useActionData<typeof action>()} />;
}
