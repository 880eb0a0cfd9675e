import { PassThrough, type Transform } from "node:stream";
import { text } from "node:stream/consumers";
import type { ReactElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { withoutNulBytes } from "~/infra/html-stream.server";

function render(page: ReactElement, sink: Transform): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page, {
      onAllReady: () => {
        pipe(sink);
        text(sink).then(resolve, reject);
      },
      onShellError: reject,
    });
  });
}

// Many short texts, shifted byte by byte, so accented letters land on the renderer's 2 KB
// buffer boundaries.
const pages = Array.from({ length: 8 }, (_, shift) => (
  <ul>
    <li>{"a".repeat(shift)}</li>
    {Array.from({ length: 300 }, (_, i) => (
      <li key={i}>Fiches plastifiées n° {i}</li>
    ))}
  </ul>
));

describe("pages stream whole characters", () => {
  test("React alone leaves NUL bytes where an accented letter crosses a buffer boundary", async () => {
    const outputs = await Promise.all(pages.map((page) => render(page, new PassThrough())));
    expect(outputs.some((html) => html.includes("\0"))).toBe(true);
  });

  test("through withoutNulBytes every page reads exactly as rendered whole", async () => {
    const outputs = await Promise.all(pages.map((page) => render(page, withoutNulBytes())));
    expect(outputs).toEqual(pages.map((page) => renderToString(page)));
  });
});
