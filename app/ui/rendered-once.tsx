import { createContext, createElement, useContext, type HTMLAttributes, type ReactElement } from "react";

/** Renders an element to HTML, once per key (the server's: app/ui/rendered-once.server.ts). */
export type RenderOnce = (key: string, element: ReactElement) => string;

const RenderOnceContext = createContext<RenderOnce | null>(null);
/** Given by the server's entry only: in the browser, RenderedOnce renders its element as usual. */
export const RenderOnceProvider = RenderOnceContext.Provider;

/**
 * A host element whose content the server renders once per distinct `inputs` and then sends again
 * as HTML: the layout's header and footer are the same for everyone who shares their inputs, and
 * React rendering them anew cost a signed-in page as much as its own content (docs/decisions/053).
 * `children` must depend on `inputs` alone (no context, no router hook). The browser hydrates and
 * renders `children` as any element: the HTML it receives is what React renders for it.
 */
export function RenderedOnce({
  as,
  inputs,
  children,
  ...attributes
}: { as: "header" | "footer" | "div"; inputs: string; children: ReactElement } & Omit<HTMLAttributes<HTMLElement>, "children">) {
  const renderOnce = useContext(RenderOnceContext);
  if (!renderOnce) return createElement(as, attributes, children);
  return createElement(as, { ...attributes, dangerouslySetInnerHTML: { __html: renderOnce(`${as}:${inputs}`, children) } });
}
