import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import type { RenderOnce } from "./rendered-once";

// Keys are made of a person's name and the spaces their roles open: bounded, cleared when full.
const LIMIT = 2_000;
const rendered = new Map<string, string>();

/**
 * renderToString, as the streaming render writes an element (text separators included, so the
 * browser hydrates it), once per key for the life of the process: one build, one markup per key.
 */
export const renderOnce: RenderOnce = (key: string, element: ReactElement) => {
  let html = rendered.get(key);
  if (html === undefined) {
    if (rendered.size >= LIMIT) rendered.clear();
    html = renderToString(element);
    rendered.set(key, html);
  }
  return html;
};
