import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { withOneSessionLookup } from "../app/accounts/permissions.server";
import type { Config } from "../app/infra/config.server";
import { checkHealth, databaseStatus, probeDatabase } from "../app/infra/health.server";
import { matchesEtag } from "../app/infra/http-cache";
import { logger } from "../app/infra/logger.server";
import { hasSessionCookie, publicPageCache, withNonce } from "../app/infra/page-cache.server";
import { unavailablePage } from "../app/infra/standalone-page.server";
import { boundRequestBodies, noStoreForSessions, refuseForeignOrigin, refuseNulInAddress } from "./request-guards";

// clientIp: Express's req.ip: the socket's address, or X-Forwarded-For's as told by the proxies
// TRUST_PROXY names (none by default: a client must not choose its own address); used by login
// rate limits and the audit log.
export type LoadContext = { cspNonce: string; clientIp: string | null };

const root = path.resolve(import.meta.dirname, "..");
/** Where each response's script nonce goes in the Content-Security-Policy written once. */
const NONCE_SLOT = "%%kits-nonce%%";

/** The HTTP layer: static files, security headers, health, then Remix for everything else. */
export function createApp(build: ServerBuild, cfg: Config) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", cfg.trustProxy);
  app.use(compression());

  // The policy is written once; only its nonce changes per response (helmet would rebuild and
  // validate the whole header at every request).
  const [beforeNonce, afterNonce] = contentSecurityPolicy(cfg.secureCookies).split(NONCE_SLOT);
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.setHeader("Content-Security-Policy", beforeNonce + res.locals.cspNonce + afterNonce);
    next();
  });
  // A 304 must not carry a new CSP: browsers merge its headers into the cached page, whose scripts
  // still carry the nonce of the response that was cached.
  app.use((_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (args[0] === 304) this.removeHeader("Content-Security-Policy");
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: cfg.secureCookies ? { maxAge: 63_072_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: "deny" },
    }),
  );

  // Fingerprinted bundles never change; everything else is revalidated.
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use("/dsfr", express.static(path.join(root, "node_modules/@gouvfr/dsfr/dist"), { maxAge: "7d" }));
  // Only a name with an extension (/app.css) can be a file here: pages skip a disk lookup each.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  app.get("/healthz", async (_req, res) => {
    const health = await checkHealth();
    res
      .status(health.status === "ok" ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json(health);
  });

  app.use(refuseNulInAddress());
  app.use(refuseForeignOrigin(cfg.publicUrlConfigured ? cfg.publicUrl.origin : null));
  app.use(boundRequestBodies());
  app.use(noStoreForSessions());

  // Before the page cache: while the database is down, public pages answer 503 too (docs/decisions/007).
  app.use((_req, res, next) => {
    if (!databaseStatus.isDown()) return next();
    sendUnavailable(res);
  });
  app.use(answerWhenTheDatabaseHangs(cfg.requestTimeoutMs));

  app.use(servePublicPagesFromCache());

  const remix = createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res): LoadContext => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? null }),
  });
  app.all("*", (req, res, next) => withOneSessionLookup(() => remix(req, res, next)));

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // Already answered 503 by answerWhenTheDatabaseHangs: the late handler's failure to write is expected.
    if (res.locals.abandoned) return;
    // Express marks the client's mistakes (e.g. an undecodable %-escape in the address) with a 4xx status.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      if (!res.headersSent) res.status(status).type("text/plain; charset=utf-8").send("Requête invalide : l'adresse demandée est mal formée.");
      return;
    }
    logger.error("erreur non traitée", { path: req.path, error: error instanceof Error ? error.stack : String(error) });
    if (res.headersSent) return;
    res.status(500).type("text/plain; charset=utf-8").send("Une erreur inattendue est survenue.");
  });
  return app;
}

/** The Content-Security-Policy header, with NONCE_SLOT where each response's script nonce goes. */
function contentSecurityPolicy(secureCookies: boolean) {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${NONCE_SLOT}'`],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(secureCookies ? { "upgrade-insecure-requests": [] } : {}),
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join(";");
}

/**
 * Anonymous public pages from the one-second cache (app/infra/page-cache.server.ts), each with a
 * fresh nonce; any change made through this process empties the cache first.
 */
function servePublicPagesFromCache() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      publicPageCache.clear();
      return next();
    }
    if (req.method !== "GET" || hasSessionCookie(req.get("Cookie"))) return next();
    const hit = publicPageCache.take(req.originalUrl);
    if (!hit) {
      res.once("close", () => publicPageCache.renderEnded(req.originalUrl));
      return next();
    }
    res.set({ ETag: hit.etag, "Cache-Control": "no-cache", Vary: "Cookie" });
    if (matchesEtag(req.get("If-None-Match"), hit.etag)) return void res.status(304).end();
    res.type("html").send(withNonce(hit, res.locals.cspNonce));
  };
}

function sendUnavailable(res: Response) {
  res.status(503).set("Retry-After", "5").set("Cache-Control", "no-store").type("html").send(unavailablePage);
}

/**
 * A request still unanswered after `ms` while PostgreSQL does not answer a ping (a frozen server, a
 * network partition: its queries would wait forever) gets the 503 page instead of hanging, and the
 * database is marked down so the next ones are answered at once. A request that is merely slow,
 * with a database that answers, is left alone.
 */
export function answerWhenTheDatabaseHangs(ms: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const timer = setTimeout(async () => {
      if (res.headersSent) return;
      if (!databaseStatus.isDown() && (await probeDatabase())) {
        logger.warn("requête lente, la base de données répond : elle continue", { path: req.path, timeoutMs: ms });
        return;
      }
      if (res.headersSent || res.writableEnded) return;
      logger.warn("requête sans réponse et base de données muette : réponse 503", { timeoutMs: ms });
      res.locals.abandoned = true;
      sendUnavailable(res);
    }, ms);
    timer.unref();
    res.once("close", () => clearTimeout(timer));
    next();
  };
}
