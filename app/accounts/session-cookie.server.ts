import { parse, serialize } from "cookie";
import { config } from "~/infra/config.server";

// On https the __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
function cookieName() {
  return config().secureCookies ? "__Host-kits_session" : "kits_session";
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const token = parse(header)[cookieName()];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return serialize(cookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config().secureCookies,
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(): string {
  return serialize(cookieName(), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: config().secureCookies,
    path: "/",
    expires: new Date(0),
  });
}
