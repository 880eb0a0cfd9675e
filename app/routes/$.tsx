import type { MetaFunction } from "@remix-run/node";

// Any address no other route matches: a real 404 status, rendered by the root ErrorBoundary
// (the DSFR error page inside the usual header and footer), for reads and submissions alike.
function notFound(): never {
  throw new Response("Page introuvable", { status: 404, statusText: "Not Found" });
}

export const meta: MetaFunction = () => [{ title: "Page introuvable — Kits d'inclusion numérique" }];

export const loader = () => notFound();
export const action = () => notFound();

export default function NotFound() {
  // Never rendered: the loader always throws, so the ErrorBoundary takes over.
  return null;
}
