import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { withDomainErrors } from "~/http/answers.server";
import { queuePage } from "~/structures/review-screens/pages.server";
import { ReviewQueue } from "~/structures/review-screens/review-queue";
import { reviewSpaces } from "~/structures/review-screens/spaces";
import { pageTitle } from "~/ui/page-title";

const space = reviewSpaces.instruction;

export const meta: MetaFunction = () => [{ title: pageTitle(space.title, space.titleContext) }];

export const loader = /* @__PURE__ */ withDomainErrors((args: LoaderFunctionArgs) => queuePage(args, space));

export default function InstructionQueue() {
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/instruction/commandes">
          Les commandes à instruire
        </Link>
      </p>
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/instruction/tableau-de-bord">
          Le suivi de la distribution dans votre département
        </Link>
      </p>
      <ReviewQueue space={space} data={useLoaderData<typeof loader>()} />
    </>
  );
}
