import type { AppLoadContext } from "@remix-run/node";
import type { Client } from "./login.server";

/**
 * Who is calling, for rate limits and the audit log. The address comes from Express (`req.ip`,
 * which honours X-Forwarded-For only from the trusted proxies set in server/app.ts).
 */
export function clientOf(request: Request, context: AppLoadContext): Client {
  const ip = (context as { clientIp?: unknown }).clientIp;
  return {
    ip: typeof ip === "string" && ip.length > 0 ? ip : null,
    userAgent: request.headers.get("User-Agent"),
  };
}
