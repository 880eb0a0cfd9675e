// The request boundary: what every request must satisfy before any route sees it. Each guard
// answers a French 4xx itself, so a malformed request never reaches code that would fail on it.
import type { NextFunction, Request, Response } from "express";
import { logger } from "../app/infra/logger.server";
import { hasSessionCookie } from "../app/infra/page-cache.server";
import { escapeHtml, standalonePage } from "../app/infra/standalone-page.server";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Form posts are small; only upload routes take large bodies, which they stream and bound themselves. */
export const FORM_BODY_LIMIT = 1024 * 1024;
const uploadRoute = /\/fichiers(?:\.data)?$/;
// A territorial list names up to 40,000 communes: its file may pass 1 MB, and one too long must
// reach the route, which says how many lines it has.
const listImportRoute = /^\/admin\/territoires(?:\.data)?$/;
const LIST_IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

function refuse(res: Response, status: number, title: string, text: string) {
  res
    .status(status)
    .set("Cache-Control", "no-store")
    .type("html")
    .send(standalonePage(title, [text, '<a class="fr-btn" href="/">Retour à l\'accueil</a>']));
}

/**
 * A NUL character anywhere in the address (path or query, once decoded): PostgreSQL refuses it in
 * text, and no link of ours contains one. Undecodable escapes are left to Express, which answers 400.
 */
export function refuseNulInAddress() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!/%00|\u0000/i.test(req.originalUrl)) return next();
    refuse(res, 400, "Adresse invalide", "L'adresse demandée contient un caractère invalide (caractère nul).");
  };
}

/**
 * Every body says its length up front (browsers always do), and form posts stay under 1 MB, so
 * that no route buffers an unbounded body in memory. Uploads are bounded while they stream.
 */
export function boundRequestBodies() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next();
    const declared = req.get("Content-Length");
    if (req.get("Transfer-Encoding") && declared === undefined) {
      return refuse(res, 411, "Requête refusée", "La taille du contenu envoyé doit être indiquée.");
    }
    const limit = listImportRoute.test(req.path) ? LIST_IMPORT_BODY_LIMIT : FORM_BODY_LIMIT;
    if (Number(declared ?? 0) > limit && !uploadRoute.test(req.path)) {
      return refuse(res, 413, "Envoi trop volumineux", "Ce formulaire est trop volumineux pour être traité.");
    }
    next();
  };
}

/**
 * Cross-site request forgery guard: a state-changing request must come from one of our own pages.
 * Browsers send Origin on every POST; a request without it, or from elsewhere, is refused. With no
 * PUBLIC_URL configured, the address the browser used (its Host) is the portal's own: a newcomer may
 * open it at 127.0.0.1 or on the local network.
 */
export function refuseForeignOrigin(publicOrigin: string | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next();
    const ownOrigin = publicOrigin ?? `${req.protocol}://${req.get("Host") ?? ""}`;
    const origin = req.get("Origin");
    if (origin === ownOrigin) return next();
    logger.warn("requête refusée : origine étrangère", { method: req.method, path: req.path, origin: origin ?? null });
    const where = escapeHtml(ownOrigin);
    refuse(
      res,
      403,
      "Requête refusée",
      `Requête refusée : elle ne provient pas du portail. Ce formulaire n'a pas été envoyé depuis une page du portail à l'adresse ` +
        `<a href="${where}/">${where}</a> (ou votre navigateur n'a pas indiqué sa provenance). Ouvrez le portail à cette adresse et recommencez : rien n'a été enregistré.`,
    );
  };
}

/**
 * Whatever depends on the session (pages, `.data`, files, exports) is never stored by a browser or
 * a proxy: set at the last moment, so no route can override it.
 */
export function noStoreForSessions() {
  return (req: Request, res: Response, next: NextFunction) => {
    const signedIn = hasSessionCookie(req.get("Cookie"));
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (signedIn || this.getHeader("Set-Cookie") !== undefined) this.setHeader("Cache-Control", "no-store");
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  };
}
