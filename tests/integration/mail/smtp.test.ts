// The worker sends outbox e-mails through a real SMTP peer (smtp-server), with retries.
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from "smtp-server";
import { afterAll, describe, expect, test } from "vitest";
import { eventually } from "../../support/eventually";
import { freePort } from "../../support/ports";

// The configuration is read once per process: SMTP_URL must be set before the app's modules load.
// Credentials with reserved characters check that nodemailer decodes them from the URL.
const smtpPort = await freePort();
const password = "mot de passe:très@secret";
process.env.SMTP_URL = `smtp://robot:${encodeURIComponent(password)}@127.0.0.1:${smtpPort}`;
process.env.MAIL_FROM = "Kits d'inclusion numérique <ne-pas-repondre@kits.example.gouv.fr>";

const { db } = await import("~/infra/db.server");
const { findOutboxMail, queueMail, MAIL_MAX_ATTEMPTS } = await import("~/mail/outbox.server");
const { sendOutboxMail } = await import("~/mail/send.server");
const { startQueueWorker } = await import("~/infra/queue.server");
const { taskList } = await import("~/jobs.server");

type Delivery = { from: string; to: string[]; user: unknown; subject: string; text: string };
const deliveries: Delivery[] = [];
let rejections = 0; // how many of the next messages the peer turns away
let rejectedCount = 0;

const peer = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) {
    if (auth.username === "robot" && auth.password === password) return callback(null, { user: "robot" });
    callback(new Error("Identifiants refusés"));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      if (rejections > 0) {
        rejections--;
        rejectedCount++;
        return callback(Object.assign(new Error("Boîte de réception pleine, réessayez plus tard"), { responseCode: 452 }));
      }
      const message = parseMessage(Buffer.concat(chunks).toString("latin1"));
      deliveries.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user,
        ...message,
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => peer.listen(smtpPort, "127.0.0.1", () => resolve()));
const worker = await startQueueWorker({ connectionString: process.env.DATABASE_URL!, taskList, concurrency: 2 });

afterAll(async () => {
  await worker.stop();
  await new Promise<void>((resolve) => peer.close(() => resolve()));
});

/** Just enough MIME for nodemailer's single-part text messages: RFC 2047 subject, QP or base64 body. */
function parseMessage(raw: string) {
  const [head, ...rest] = raw.split("\r\n\r\n");
  const headers = head.replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers)?.[1] ?? "";
  const subject = header("Subject").replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
  let body = rest.join("\r\n\r\n");
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  if (encoding === "quoted-printable") {
    body = Buffer.from(
      body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  } else if (encoding === "base64") {
    body = Buffer.from(body, "base64").toString("utf8");
  } else {
    body = Buffer.from(body, "latin1").toString("utf8");
  }
  return { subject, text: body.replace(/\r\n/g, "\n").trimEnd() };
}

async function jobCount() {
  const [{ jobs }] = await db<{ jobs: number }[]>`select count(*)::int as jobs from graphile_worker.jobs`;
  return jobs;
}

async function insertQueuedMail(to: string) {
  // A row without a job: for calling the task directly, away from the running worker.
  const [row] = await db<{ id: number }[]>`
    insert into mail_outbox (to_address, subject, text_body, status) values (${to}, 'Essai direct', 'Corps', 'queued') returning id`;
  return row.id;
}

const text =
  "Bonjour Élise,\n\nConfirmez votre adresse électronique en ouvrant ce lien :\nhttps://kits.example.gouv.fr/confirmation?jeton=AbC-123_xyz\n\nÀ bientôt sur le portail.";

describe("sending e-mails over SMTP", () => {
  test("queueMail with SMTP_URL queues a job in the caller's transaction; the worker delivers subject, recipient and body", async () => {
    const id = await db.begin((tx) =>
      queueMail({ to: "elise.martin@mairie-exemple.fr", subject: "Confirmez votre adresse électronique — Kits d'inclusion numérique", text }, tx),
    );
    expect((await findOutboxMail(id))?.status).toMatch(/queued|sent/);
    const mail = await eventually(
      "le courriel envoyé",
      () => findOutboxMail(id),
      (m) => m?.status === "sent",
    );
    expect(mail).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(mail!.sentAt).toBeInstanceOf(Date);
    const delivered = deliveries.filter((d) => d.to.includes("elise.martin@mairie-exemple.fr"));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toEqual({
      from: "ne-pas-repondre@kits.example.gouv.fr",
      to: ["elise.martin@mairie-exemple.fr"],
      user: "robot",
      subject: "Confirmez votre adresse électronique — Kits d'inclusion numérique",
      text,
    });
  });

  test("an e-mail queued in a transaction that rolls back is neither kept nor sent", async () => {
    await eventually("la fin des jobs précédents", jobCount, (n) => n === 0);
    const before = deliveries.length;
    await db
      .begin(async (tx) => {
        await queueMail({ to: "annule@exemple.fr", subject: "Jamais", text: "…" }, tx);
        throw new Error("abandon");
      })
      .catch(() => {});
    expect(await jobCount()).toBe(0);
    expect(await db`select 1 from mail_outbox where to_address = 'annule@exemple.fr'`).toHaveLength(0);
    // A mail queued after it, once delivered, shows the worker had its chance to send anything left.
    const marker = await queueMail({ to: "apres-annule@exemple.fr", subject: "Témoin", text: "…" });
    await eventually(
      "le courriel témoin envoyé",
      () => findOutboxMail(marker),
      (m) => m?.status === "sent",
    );
    expect(deliveries.slice(before).map((d) => d.to)).toEqual([["apres-annule@exemple.fr"]]);
  });

  test("an attempt the peer rejects is recorded with its error, then the queue retries and the e-mail is sent once", async () => {
    rejections = 1;
    const rejectedBefore = rejectedCount;
    const id = await queueMail({ to: "retry@exemple.fr", subject: "Réinitialisation du mot de passe", text: "Votre lien." });
    const failed = await eventually(
      "la première tentative",
      () => findOutboxMail(id),
      (m) => (m?.attempts ?? 0) >= 1,
    );
    expect(failed).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(failed!.lastError).toMatch(/452/);
    expect(rejectedCount).toBe(rejectedBefore + 1);

    const sent = await eventually(
      "le nouvel essai",
      () => findOutboxMail(id),
      (m) => m?.status === "sent",
      25_000,
    );
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(deliveries.filter((d) => d.to.includes("retry@exemple.fr"))).toHaveLength(1);
  });

  test("after the last attempt fails, the e-mail is marked failed with its error", async () => {
    const id = await insertQueuedMail("dernier-essai@exemple.fr");
    rejections = 1;
    await expect(sendOutboxMail({ outboxId: id }, { attempt: MAIL_MAX_ATTEMPTS - 1, maxAttempts: MAIL_MAX_ATTEMPTS })).rejects.toThrow(/452/);
    expect(await findOutboxMail(id)).toMatchObject({ status: "queued", attempts: 1 });
    rejections = 1;
    await expect(sendOutboxMail({ outboxId: id }, { attempt: MAIL_MAX_ATTEMPTS, maxAttempts: MAIL_MAX_ATTEMPTS })).rejects.toThrow(/452/);
    const mail = await findOutboxMail(id);
    expect(mail).toMatchObject({ status: "failed", attempts: 2, sentAt: null });
    expect(mail!.lastError).toMatch(/452.*réessayez plus tard/);
    expect(deliveries.some((d) => d.to.includes("dernier-essai@exemple.fr"))).toBe(false);
  });

  test("an e-mail already sent is never sent again, even if its job runs twice", async () => {
    const id = await insertQueuedMail("une-fois@exemple.fr");
    expect(await sendOutboxMail({ outboxId: id })).toBe("sent");
    expect(await sendOutboxMail({ outboxId: id })).toBe("skipped");
    // A stray job for the same e-mail, run by the real worker.
    await db`select graphile_worker.add_job('send_mail', json_build_object('outboxId', ${id}::bigint))`;
    await eventually("la fin du job", jobCount, (n) => n === 0);
    expect(deliveries.filter((d) => d.to.includes("une-fois@exemple.fr"))).toHaveLength(1);
    expect(await findOutboxMail(id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  test("a malformed job payload is refused", async () => {
    await expect(sendOutboxMail({ outboxId: "1; drop table users" })).rejects.toThrow();
    await expect(sendOutboxMail({})).rejects.toThrow();
  });
});
