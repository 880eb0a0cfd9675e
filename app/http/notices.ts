import { redirect } from "@remix-run/node";

// After a change, the page it leads to says it was done: the notice's key travels in `?fait=`
// (with any figures it needs), and <SuccessNotice> on that page turns it into a sentence.

/** Redirects to `path` (which may end in #anchor) with the notice `done` and its figures. */
export function redirectWithNotice(path: string, done: string, figures: Record<string, string | number> = {}) {
  const [address, anchor] = path.split("#", 2);
  const url = new URL(address, "http://portail");
  url.searchParams.set("fait", done);
  for (const [key, value] of Object.entries(figures)) url.searchParams.set(key, String(value));
  return redirect(`${url.pathname}${url.search}${anchor === undefined ? "" : `#${anchor}`}`);
}
