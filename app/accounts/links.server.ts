import { config } from "~/infra/config.server";

/** An absolute link to a page of the portal, for e-mails. */
export function portalLink(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, config().publicUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
