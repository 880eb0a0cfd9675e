import postgres from "postgres";

/**
 * Where the embedded PostgreSQL puts its Unix socket (its own compiled-in default, made explicit):
 * on one machine the portal reaches it there rather than through loopback TCP (decision 051).
 */
export const EMBEDDED_SOCKET_DIRECTORY = "/tmp";

/** The embedded server's URL: its TCP address, and in `host` the socket directory that is used. */
export function embeddedDatabaseUrl(port: number, database: string) {
  return `postgres://postgres:postgres@127.0.0.1:${port}/${database}?host=${encodeURIComponent(EMBEDDED_SOCKET_DIRECTORY)}`;
}

/**
 * What postgres.js needs to reach the server a URL names. libpq's `?host=/directory` is a Unix
 * socket, as psql and node-postgres (the job queue's driver) read it; postgres.js takes a socket only
 * as its `host` option and would send the parameter to the server as a setting, which refuses it:
 * it is moved from the URL to the option.
 */
export function postgresJsTarget(url: string): { url: string; host?: string } {
  const query = url.indexOf("?");
  if (query === -1) return { url };
  const params = new URLSearchParams(url.slice(query + 1));
  const host = params.get("host");
  if (!host?.startsWith("/")) return { url };
  params.delete("host");
  const rest = params.toString();
  return { url: url.slice(0, query) + (rest ? `?${rest}` : ""), host };
}

/** Opens a pool on a database; every pool of the process goes through here so that options agree. */
export function connect(url: string, options: { max?: number } = {}) {
  const target = postgresJsTarget(url);
  return postgres(target.url, {
    host: target.host,
    max: options.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 60,
    // The default backoff grows to 20 s after a few refused connections, so a pool would stay
    // unusable long after PostgreSQL is back; while it is down the app answers 503 without
    // querying (see health.server.ts), so retrying every second at most costs nothing.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    // bigint columns come back as JS numbers: identifiers and cents stay far below 2^53.
    types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
    // Columns are snake_case in SQL and camelCase in TypeScript.
    transform: { ...postgres.camel, undefined: null },
    onnotice: () => {},
    connection: { application_name: "kits-inclusion" },
  });
}
