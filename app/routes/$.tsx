import type { MetaFunction } from "@remix-run/node";
import { withDomainErrors } from "~/http/answers.server";
import { NotFound } from "~/infra/domain-errors";
import { pageTitle } from "~/ui/page-title";

// Any address no other route matches: a real 404 status, rendered by the root ErrorBoundary
// (the DSFR error page inside the usual header and footer), for reads and submissions alike.
const notFound = /* @__PURE__ */ withDomainErrors(async () => {
  throw new NotFound("Page introuvable");
});

export const meta: MetaFunction = () => [{ title: pageTitle("Page introuvable") }];

export const loader = notFound;
export const action = notFound;

export default function NotFoundPage() {
  // Never rendered: the loader always throws, so the ErrorBoundary takes over.
  return null;
}
