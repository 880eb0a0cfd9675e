// SIGTERM (a deployment, a scale-down): the portal stops taking new connections, lets the requests
// in flight finish, closes idle keep-alive connections, the pools and the queue, and exits 0.
import net from "node:net";
import { afterEach, describe, expect, inject, test } from "vitest";
import { startTestServer, type AppProcess } from "../../support/server";

let server: AppProcess | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A raw HTTP/1.1 connection, so that a request can be sent in several pieces. */
async function openConnection(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return { socket, received: () => received, closed };
}

/** Polls until `check` holds; the deadline only tells a hang from a busy machine. */
async function until(what: string, check: () => boolean | Promise<boolean>, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`pas atteint en ${seconds} s : ${what}\n${server?.output() ?? ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const refusesConnections = (url: string) =>
  fetch(`${url}/healthz`).then(
    () => false,
    () => true,
  );

describe("graceful shutdown", () => {
  test("a request still being uploaded when SIGTERM arrives is completed, then the process exits 0", async () => {
    server = await startTestServer(inject("pgAdminUrl"), { LOG_LEVEL: "info" });
    const { port, url } = server;
    const body = "email=personne%40example.fr&password=un-mot-de-passe-quelconque";
    const half = Math.floor(body.length / 2);

    const connection = await openConnection(port);
    // The headers first: the server's "100 Continue" says it has taken the request in.
    connection.socket.write(
      [
        "POST /connexion HTTP/1.1",
        `Host: localhost:${port}`,
        `Origin: ${url}`,
        "Content-Type: application/x-www-form-urlencoded",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "Expect: 100-continue",
        "",
        "",
      ].join("\r\n"),
    );
    await until("100 Continue", () => connection.received().includes("HTTP/1.1 100 Continue\r\n\r\n"));
    // Half of the form: the login action is now waiting for the rest of its body.
    connection.socket.write(body.slice(0, half));

    server.child.kill("SIGTERM");
    // Still running for the request in flight, but no longer accepting connections.
    await until("les nouvelles connexions sont refusées", () => refusesConnections(url));
    expect(server.isAlive()).toBe(true);

    connection.socket.write(body.slice(half));
    await connection.closed;
    const response = connection.received().replace("HTTP/1.1 100 Continue\r\n\r\n", "");
    expect(response).toMatch(/^HTTP\/1\.1 (200|400) /);
    expect(response).toContain("</html>");
    expect(response).toContain("Se connecter");

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("arrêt terminé");
    // Ended by the drain itself, not by the 10-second safety net.
    expect(server.output()).not.toContain("fermées");
  });

  test("an idle keep-alive connection does not hold the shutdown back", async () => {
    server = await startTestServer(inject("pgAdminUrl"));
    const connection = await openConnection(server.port);
    connection.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: keep-alive\r\n\r\n`);
    await until("la réponse de /healthz", () => connection.received().includes('"status":"ok"'));

    // The server keeps idle connections for 65 s: shutdown must close them rather than wait (or force them at 10 s).
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await connection.closed;
    expect(server.output()).not.toContain("fermées");
  });
});
