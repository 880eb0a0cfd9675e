/**
 * Where to send someone after login, from a `redirectTo` they brought along: only a path on this
 * site. Anything that a browser could read as another origin ("//evil", "/\\evil", "https://…",
 * control characters) falls back to the default.
 */
export function safeRedirectTo(value: unknown, fallback = "/compte"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000 || !isLocalPath(value)) return fallback;
  // Resolved against a dummy origin, it must stay there; and the value returned is checked again,
  // since resolving normalises: "/.//evil" passes as given and comes out as "//evil".
  try {
    const url = new URL(value, "http://portail.invalid");
    const resolved = url.pathname + url.search + url.hash;
    return url.origin === "http://portail.invalid" && isLocalPath(resolved) ? resolved : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A path a browser can only read as this site's: one leading "/", then neither "/" nor "\"
 * (browsers treat "\" like "/", so "/\evil" is "//evil"), and no backslash or control character
 * anywhere (browsers drop tabs and newlines before parsing, so "/\t/evil" is "//evil" too).
 */
function isLocalPath(value: string) {
  return /^\/(?![/\\])/.test(value) && !/[\\\u0000-\u001f\u007f]/.test(value);
}

/** `path?redirectTo=…`, or just `path` when the destination is the default. */
export function withRedirectTo(path: string, redirectTo: string | null | undefined, fallback = "/compte"): string {
  const target = safeRedirectTo(redirectTo, fallback);
  if (target === fallback) return path;
  const separator = path.includes("?") ? "&" : "?";
  return `${path}${separator}redirectTo=${encodeURIComponent(target)}`;
}
