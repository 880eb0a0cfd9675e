import { createHash } from "node:crypto";
import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  HandleDataRequestFunction,
  HandleErrorFunction,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { readSessionToken } from "~/accounts/session-cookie.server";
import { isDatabaseUnavailable } from "~/infra/db.server";
import { databaseStatus, probeDatabase } from "~/infra/health.server";
import { matchesEtag } from "~/infra/http-cache";
import { logger } from "~/infra/logger.server";
import { withoutNulBytes } from "~/infra/html-stream.server";
import { publicPageCache } from "~/infra/page-cache.server";
import { unavailablePage } from "~/infra/standalone-page.server";
import { NonceProvider } from "~/ui/nonce";
import { RenderOnceProvider } from "~/ui/rendered-once";
import { renderOnce } from "~/ui/rendered-once.server";

const ABORT_DELAY = 5_000;

// Requests that failed because PostgreSQL could not be reached: they get the 503 page even before
// (or without) the whole portal being marked down.
const hitUnavailableDatabase = new WeakSet<Request>();

function databaseUnavailableFor(request: Request) {
  return databaseStatus.isDown() || hitUnavailableDatabase.has(request);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (responseStatusCode >= 500 && databaseUnavailableFor(request)) {
    return new Response(unavailablePage, {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" },
    });
  }
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  if (isCacheablePublicPage(request, responseStatusCode)) {
    return renderPublicPage(request, responseHeaders, remixContext, nonce);
  }
  // A robot gets the page once everything is rendered; a person as soon as the shell is.
  const forRobot = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const send = () => {
      shellRendered = true;
      const body = withoutNulBytes();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(<Page context={remixContext} url={request.url} nonce={nonce} />, {
      nonce,
      onShellReady() {
        if (!forRobot) send();
      },
      onAllReady() {
        clearTimeout(deadline);
        if (forRobot) send();
      },
      onShellError(error: unknown) {
        clearTimeout(deadline);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) logger.error("erreur de rendu", { error: error instanceof Error ? error.stack : String(error) });
      },
    });
    const deadline = renderDeadline(abort);
  });
}

/** The page as Remix renders it, with the response's nonce and the layout's parts rendered once (app/ui/rendered-once.tsx). */
function Page({ context, url, nonce }: { context: EntryContext; url: string; nonce: string }) {
  return (
    <NonceProvider value={nonce}>
      <RenderOnceProvider value={renderOnce}>
        <RemixServer context={context} url={url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RenderOnceProvider>
    </NonceProvider>
  );
}

/**
 * Aborts a render still running after ABORT_DELAY. Cleared once the render is complete: otherwise
 * every page view leaves a timer that later aborts a finished render, building errors for nothing.
 */
const renderDeadline = (abort: () => void) => setTimeout(abort, ABORT_DELAY);

// Public pages are the same for every anonymous visitor. They are rendered whole and carry an ETag
// computed without the per-response CSP nonce, so a browser revalidating one gets a 304
// (docs/architecture.md, Performance targets).
const publicPages = new Set([
  "/",
  "/concours",
  "/laureats",
  "/distribution",
  "/catalogue",
  "/donnees",
  "/donnees/telechargements",
  "/mentions-legales",
  "/accessibilite",
  "/donnees-personnelles",
]);

/** The programme's figures, national and for each département: the pages anyone may be sent to at once. */
const isPublicPath = (pathname: string) => publicPages.has(pathname) || /^\/donnees\/departements\/[^/]+$/.test(pathname);

function isCacheablePublicPage(request: Request, status: number) {
  return request.method === "GET" && status === 200 && isPublicPath(new URL(request.url).pathname) && !readSessionToken(request);
}

function renderPublicPage(request: Request, responseHeaders: Headers, remixContext: EntryContext, nonce: string) {
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = withoutNulBytes();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => {
      const html = Buffer.concat(chunks);
      const etag = `W/"${createHash("sha256")
        .update(nonce ? html.toString("utf8").replaceAll(nonce, "") : html)
        .digest("base64url")
        .slice(0, 32)}"`;
      responseHeaders.set("ETag", etag);
      responseHeaders.set("Cache-Control", "no-cache");
      responseHeaders.set("Vary", "Cookie");
      const url = new URL(request.url);
      publicPageCache.set(url.pathname + url.search, html.toString("utf8"), nonce, etag);
      if (matchesEtag(request.headers.get("If-None-Match"), etag)) return resolve(new Response(null, { status: 304, headers: responseHeaders }));
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(html, { status: 200, headers: responseHeaders }));
    });
    const { pipe, abort } = renderToPipeableStream(<Page context={remixContext} url={request.url} nonce={nonce} />, {
      nonce,
      onAllReady() {
        clearTimeout(deadline);
        pipe(sink);
      },
      onShellError(error: unknown) {
        clearTimeout(deadline);
        reject(error);
      },
      onError: (error: unknown) => logger.error("erreur de rendu", { error: error instanceof Error ? error.stack : String(error) }),
    });
    const deadline = renderDeadline(abort);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (response.status >= 500 && databaseUnavailableFor(request)) {
    return new Response(response.body, { status: 503, headers: response.headers });
  }
  return response;
};

export const handleError: HandleErrorFunction = (error, { request }: LoaderFunctionArgs | ActionFunctionArgs) => {
  if (request.signal.aborted) return;
  if (isDatabaseUnavailable(error)) {
    // This visitor gets the 503 page; the whole portal follows only if a ping confirms the outage
    // (one dropped connection, or a stale error replayed by the driver, is not an outage).
    hitUnavailableDatabase.add(request);
    void probeDatabase();
    return;
  }
  // A 4xx (unknown address, refused access) is an answer, not a fault of ours.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logger.error("erreur dans un loader ou une action", { url: request.url, error: describeError(error) });
};

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? String(error);
  if (isRouteErrorResponse(error)) {
    const inner = (error as { error?: unknown }).error;
    return `${error.status} ${error.statusText}${inner instanceof Error ? ` — ${inner.stack}` : ""}`;
  }
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
