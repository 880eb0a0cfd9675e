import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { Config } from "../app/infra/config.server";
import { checkHealth, databaseStatus } from "../app/infra/health.server";
import { logger } from "../app/infra/logger.server";
import { unavailablePage } from "../app/infra/unavailable-page.server";

export type LoadContext = { cspNonce: string };

const root = path.resolve(import.meta.dirname, "..");

/** The HTTP layer: static files, security headers, health, then Remix for everything else. */
export function createApp(build: ServerBuild, cfg: Config) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          ...(cfg.secureCookies ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      strictTransportSecurity: cfg.secureCookies ? { maxAge: 63_072_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: "deny" },
    }),
  );

  // Fingerprinted bundles never change; everything else is revalidated.
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use("/dsfr", express.static(path.join(root, "node_modules/@gouvfr/dsfr/dist"), { maxAge: "7d" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  app.get("/healthz", async (_req, res) => {
    const health = await checkHealth();
    res.status(health.status === "ok" ? 200 : 503).set("Cache-Control", "no-store").json(health);
  });

  app.use(refuseForeignOrigin(cfg.publicUrl.origin));

  app.use((_req, res, next) => {
    if (!databaseStatus.isDown()) return next();
    res.status(503).set("Retry-After", "5").set("Cache-Control", "no-store").type("html").send(unavailablePage);
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (_req, res): LoadContext => ({ cspNonce: res.locals.cspNonce }),
    }),
  );

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error("erreur non traitée", { error: error instanceof Error ? error.stack : String(error) });
    if (res.headersSent) return;
    res.status(500).type("text/plain").send("Une erreur inattendue est survenue.");
  });
  return app;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard: a state-changing request must come from one of our own pages.
 * Browsers send Origin on every POST; a request without it, or from elsewhere, is refused.
 */
export function refuseForeignOrigin(ownOrigin: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get("Origin");
    if (origin === ownOrigin) return next();
    logger.warn("requête refusée : origine étrangère", { method: req.method, path: req.path, origin: origin ?? null });
    res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne provient pas du portail.");
  };
}
