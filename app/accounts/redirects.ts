/**
 * Where to send someone after login, from a `redirectTo` they brought along: only a path on this
 * site. Anything that a browser could read as another origin ("//evil", "/\\evil", "https://…",
 * control characters) falls back to the default.
 */
export function safeRedirectTo(value: unknown, fallback = "/compte"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith("/")) return fallback;
  // Browsers treat "\" like "/" and drop tabs and newlines before parsing, so "/\evil" and "/\t/evil" are "//evil".
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  if (value.startsWith("//")) return fallback;
  // Belt and braces: resolved against a dummy origin, it must stay there.
  try {
    const url = new URL(value, "http://portail.invalid");
    if (url.origin !== "http://portail.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/** `path?redirectTo=…`, or just `path` when the destination is the default. */
export function withRedirectTo(path: string, redirectTo: string | null | undefined, fallback = "/compte"): string {
  const target = safeRedirectTo(redirectTo, fallback);
  if (target === fallback) return path;
  const separator = path.includes("?") ? "&" : "?";
  return `${path}${separator}redirectTo=${encodeURIComponent(target)}`;
}
