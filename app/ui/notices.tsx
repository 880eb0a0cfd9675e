import { useSearchParams } from "@remix-run/react";
import { Notice } from "./form";

/** What a notice says; a function when it quotes figures travelling with it (redirectWithNotice). */
export type NoticeText = string | ((figures: URLSearchParams) => string);

/**
 * The success notice of the page a change redirected to (`?fait=<key>`), announced politely.
 * Keys the page does not know show nothing.
 */
export function SuccessNotice({ notices, title = "C'est fait" }: { notices: Record<string, NoticeText>; title?: string }) {
  const [params] = useSearchParams();
  const done = params.get("fait");
  if (!done || !Object.hasOwn(notices, done)) return null;
  const text = notices[done];
  return (
    <Notice kind="success" title={title}>
      <p>{typeof text === "function" ? text(params) : text}</p>
    </Notice>
  );
}
