// postgres.js 3.4.9 can throw a TypeError from inside its socket handlers when the server goes away
// (porsager/postgres#1154, #1208): queryError() reads `query.origin.replace` on a query that has no
// origin. Nobody can catch it, so the process-level guard must recognise it, and only it.
import { spawn } from "node:child_process";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, test } from "vitest";
import { isPostgresDriverFault } from "~/infra/db.server";

const root = path.resolve(import.meta.dirname, "../../..");
const connectionJs = path.join(root, "node_modules/postgres/src/connection.js");

/** A real TypeError whose stack runs through postgres.js's connection.js, as in the reports. */
function driverTypeError(file = connectionJs): TypeError {
  const source = `
    function queryError(query, err) { return err.stack + query.origin.replace(/.*\\n/, "\\n"); }
    function errored(err) { return queryError({}, err); }
    errored(new Error("read ECONNRESET"));`;
  try {
    vm.runInThisContext(source, { filename: file });
  } catch (error) {
    return error as TypeError;
  }
  throw new Error("expected a TypeError");
}

describe("isPostgresDriverFault", () => {
  test("recognises the TypeError thrown from postgres.js's connection.js (ESM and CommonJS builds)", () => {
    const esm = driverTypeError();
    expect(esm).toBeInstanceOf(TypeError);
    expect(esm.message).toMatch(/reading 'replace'/);
    expect(isPostgresDriverFault(esm)).toBe(true);
    expect(isPostgresDriverFault(driverTypeError(path.join(root, "node_modules/postgres/cjs/src/connection.js")))).toBe(true);
  });

  test("recognises the stack as reported in porsager/postgres#1068", () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'replace')");
    error.stack = [
      "TypeError: Cannot read properties of undefined (reading 'replace')",
      "    at queryError (/srv/app/node_modules/postgres/src/connection.js:392:48)",
      "    at errored (/srv/app/node_modules/postgres/src/connection.js:383:14)",
      "    at TLSSocket.data (/srv/app/node_modules/postgres/src/connection.js:318:9)",
    ].join("\n");
    expect(isPostgresDriverFault(error)).toBe(true);

    // porsager/postgres#924: the same handler failing inside a native call.
    const redefine = new TypeError("Cannot redefine property: query");
    redefine.stack = [
      "TypeError: Cannot redefine property: query",
      "    at Function.defineProperties (<anonymous>)",
      "    at queryError (file:///app/node_modules/postgres/src/connection.js:388:12)",
      "    at Socket.closed (file:///app/node_modules/postgres/src/connection.js:440:44)",
      "    at Socket.emit (node:events:519:28)",
    ].join("\n");
    expect(isPostgresDriverFault(redefine)).toBe(true);
  });

  test("does not recognise our own bugs, other libraries' errors, or non-errors", () => {
    expect(isPostgresDriverFault(new TypeError("Cannot read properties of undefined (reading 'replace')"))).toBe(false);
    expect(isPostgresDriverFault(driverTypeError(path.join(root, "app/accounts/login.server.ts")))).toBe(false);
    expect(isPostgresDriverFault(driverTypeError(path.join(root, "node_modules/pg/lib/connection.js")))).toBe(false);
    expect(isPostgresDriverFault(driverTypeError(path.join(root, "node_modules/not-postgres/src/connection.js")))).toBe(false);
    // A query error that merely carries postgres.js frames further down is the caller's to handle.
    const rejected = new Error("duplicate key value violates unique constraint");
    rejected.stack = `${rejected.message}\n    at handler (/srv/app/build/index.js:10:5)\n    at ErrorResponse (/srv/app/node_modules/postgres/src/connection.js:815:30)`;
    expect(isPostgresDriverFault(rejected)).toBe(false);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isPostgresDriverFault(refused)).toBe(false);
    expect(isPostgresDriverFault("connection.js")).toBe(false);
    expect(isPostgresDriverFault(null)).toBe(false);
  });
});

/** Runs a script that installs the guard and then throws `throwing` from a timer, outside any try. */
function runGuarded(throwing: string): Promise<{ code: number | null; output: string }> {
  const script = `
    import vm from "node:vm";
    import { guardAgainstPostgresCrash } from "./app/infra/db.server.ts";
    guardAgainstPostgresCrash();
    setTimeout(() => { ${throwing} }, 10);
    setTimeout(() => { console.log("toujours en vie"); process.exit(0); }, 300);
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "warn", DATABASE_URL: "postgres://127.0.0.1:1/none" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("guardAgainstPostgresCrash", () => {
  test("the process survives the driver's uncaught TypeError and logs it", async () => {
    const { code, output } = await runGuarded(`
      vm.runInThisContext("(function queryError(query) { return query.origin.replace(/x/, ''); })({})",
        { filename: ${JSON.stringify(connectionJs)} });`);
    expect(output).toContain("toujours en vie");
    expect(output).toContain("postgres.js a levé une exception interne");
    expect(code).toBe(0);
  }, 30_000);

  test("a connection reset on a socket its driver left survives, logged", async () => {
    // What the portal met when PostgreSQL shut down: the socket's own read error, no listener left.
    const { code, output } = await runGuarded(`
      void (async () => {
        const net = await import("node:net");
        const server = net.createServer();
        await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
        const client = net.connect(server.address().port, "127.0.0.1");
        const [peer] = await Promise.all([new Promise((resolve) => server.once("connection", resolve)), new Promise((resolve) => client.once("connect", resolve))]);
        client.write("données que le serveur ne lira pas");
        peer.resetAndDestroy();
      })();`);
    expect(output).toContain("toujours en vie");
    expect(output).toContain("connexion coupée par le serveur");
    expect(code).toBe(0);
  }, 30_000);

  test("a connection reset thrown by code is not mistaken for it", async () => {
    const { code, output } = await runGuarded(`
      throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" });`);
    expect(output).not.toContain("toujours en vie");
    expect(output).toContain("exception non rattrapée");
    expect(code).toBe(1);
  }, 30_000);

  test("any other uncaught exception still stops the process with code 1", async () => {
    const { code, output } = await runGuarded(`throw new TypeError("un vrai bug de l'application");`);
    expect(output).not.toContain("toujours en vie");
    expect(output).toContain("exception non rattrapée");
    expect(code).toBe(1);
  }, 30_000);
});
