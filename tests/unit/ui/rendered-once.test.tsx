import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { renderToPipeableStream, renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { currentEntry } from "~/ui/layout";
import { RenderedOnce, RenderOnceProvider } from "~/ui/rendered-once";
import { renderOnce } from "~/ui/rendered-once.server";

/** What the portal's streaming render writes for an element. */
function streamed(element: React.ReactElement) {
  return new Promise<string>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const sink = new PassThrough();
        text(sink).then(resolve, reject);
        pipe(sink);
      },
      onShellError: reject,
    });
  });
}

// Adjacent text nodes: the streaming render separates them with <!-- -->, which the browser's
// hydration expects; a static render (renderToStaticMarkup) would leave them out.
function Greeting({ name, counter }: { name: string; counter?: { renders: number } }) {
  if (counter) counter.renders++;
  return (
    <p>
      Bonjour {name}, <a href="/compte">votre compte</a>
    </p>
  );
}

describe("RenderedOnce", () => {
  test("on the server, writes exactly what the streaming render writes for the same element, so the browser hydrates it", async () => {
    const once = await streamed(
      <RenderOnceProvider value={renderOnce}>
        <RenderedOnce as="header" role="banner" className="fr-header" inputs="Camille">
          <Greeting name="Camille" />
        </RenderedOnce>
      </RenderOnceProvider>,
    );
    const asUsual = await streamed(
      <header role="banner" className="fr-header">
        <Greeting name="Camille" />
      </header>,
    );
    expect(once).toContain("Bonjour <!-- -->Camille");
    expect(once).toBe(asUsual);
  });

  test("renders its element once per distinct inputs, and again for other inputs", () => {
    const counter = { renders: 0 };
    const page = (name: string) =>
      renderToStaticMarkup(
        <RenderOnceProvider value={renderOnce}>
          <RenderedOnce as="div" inputs={`compteur:${name}`}>
            <Greeting name={name} counter={counter} />
          </RenderedOnce>
        </RenderOnceProvider>,
      );
    const first = page("Dominique");
    expect(page("Dominique")).toBe(first);
    expect(counter.renders).toBe(1);
    expect(page("Sacha")).toContain("Sacha");
    expect(counter.renders).toBe(2);
  });

  test("without the server's renderer (in the browser), renders its element as any other", () => {
    const counter = { renders: 0 };
    for (let i = 0; i < 2; i++) {
      renderToStaticMarkup(
        <RenderedOnce as="footer" inputs="navigateur">
          <Greeting name="Alex" counter={counter} />
        </RenderedOnce>,
      );
    }
    expect(counter.renders).toBe(2);
  });
});

describe("currentEntry: the main menu's entry marked as the current page", () => {
  const entries = [{ to: "/" }, { to: "/concours" }, { to: "/candidat" }, { to: "/admin" }, { to: "/admin/enveloppe" }];

  test.each([
    ["/", "/"],
    ["/concours", "/concours"],
    ["/concours/kits-2026/reglement", "/concours"],
    ["/Concours", "/concours"],
    ["/candidat/propositions/3", "/candidat"],
    ["/admin/enveloppe/departements/75", "/admin/enveloppe"],
    ["/admin/utilisateurs", "/admin"],
    ["/candidature", null],
    ["/mentions-legales", null],
  ])("%s → %s", (pathname, expected) => {
    expect(currentEntry(entries, pathname)).toBe(expected);
  });
});
