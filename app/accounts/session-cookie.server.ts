import { parse, serialize } from "cookie";
import { config, type Config } from "~/infra/config.server";

type CookieConfig = Pick<Config, "secureCookies">;

// On https the __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
export function sessionCookieName(cfg: CookieConfig = config()) {
  return cfg.secureCookies ? "__Host-kits_session" : "kits_session";
}

export function readSessionToken(request: Request, cfg: CookieConfig = config()): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const token = parse(header)[sessionCookieName(cfg)];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export function sessionCookie(token: string, expiresAt: Date, cfg: CookieConfig = config()): string {
  return serialize(sessionCookieName(cfg), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: cfg.secureCookies,
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(cfg: CookieConfig = config()): string {
  return serialize(sessionCookieName(cfg), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: cfg.secureCookies,
    path: "/",
    expires: new Date(0),
  });
}
