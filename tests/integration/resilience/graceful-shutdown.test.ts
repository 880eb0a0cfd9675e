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

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("graceful shutdown", () => {
  test("a request still being uploaded when SIGTERM arrives is completed, then the process exits 0", async () => {
    server = await startTestServer(inject("pgAdminUrl"), { LOG_LEVEL: "info" });
    const { port, url } = server;
    const body = "email=personne%40example.fr&password=un-mot-de-passe-quelconque";
    const half = Math.floor(body.length / 2);

    const connection = await openConnection(port);
    // Headers and half of the form: the login action is now waiting for the rest of its body.
    connection.socket.write(
      [
        "POST /connexion HTTP/1.1",
        `Host: localhost:${port}`,
        `Origin: ${url}`,
        "Content-Type: application/x-www-form-urlencoded",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "",
        body.slice(0, half),
      ].join("\r\n"),
    );
    await pause(300);

    server.child.kill("SIGTERM");
    await pause(500);
    // Still running for the request in flight, but no longer accepting connections.
    expect(server.isAlive()).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    connection.socket.write(body.slice(half));
    await connection.closed;
    const response = connection.received();
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
    while (!connection.received().includes('"status":"ok"')) await pause(20);

    // The server keeps idle connections for 65 s: shutdown must close them rather than wait (or force them at 10 s).
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await connection.closed;
    expect(server.output()).not.toContain("fermées");
  });
});
