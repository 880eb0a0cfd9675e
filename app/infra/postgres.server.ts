import postgres from "postgres";

/** Opens a pool on a database; every pool of the process goes through here so that options agree. */
export function connect(url: string, options: { max?: number } = {}) {
  return postgres(url, {
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
