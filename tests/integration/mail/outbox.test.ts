import { describe, expect, test, vi } from "vitest";

// This file is about the portal without an SMTP server, whatever the environment says.
vi.hoisted(() => {
  delete process.env.SMTP_URL;
});

import { findOutboxMail, listOutbox, outboxCounts, queueMail } from "~/mail/outbox.server";
import { db } from "~/infra/db.server";

async function jobCount() {
  const [{ count }] = await db<{ count: number }[]>`select count(*)::int as count from graphile_worker.jobs`;
  return count;
}

describe("the outbox without SMTP", () => {
  test("an e-mail is kept in the outbox, readable in full, and no job is queued", async () => {
    const id = await queueMail({
      to: "alice@exemple.fr",
      subject: "Confirmez votre adresse",
      text: "Bonjour,\nOuvrez https://exemple.fr/confirmation?jeton=abc\n",
    });
    const mail = await findOutboxMail(id);
    expect(mail).toMatchObject({
      toAddress: "alice@exemple.fr",
      subject: "Confirmez votre adresse",
      textBody: "Bonjour,\nOuvrez https://exemple.fr/confirmation?jeton=abc\n",
      status: "kept",
      attempts: 0,
      sentAt: null,
    });
    expect(await jobCount()).toBe(0);
  });

  test("an e-mail queued in a transaction that rolls back never existed", async () => {
    await db
      .begin(async (tx) => {
        await queueMail({ to: "fantome@exemple.fr", subject: "Jamais", text: "…" }, tx);
        throw new Error("abandon");
      })
      .catch(() => {});
    expect((await listOutbox({ recipient: "fantome", page: 1 })).total).toBe(0);
  });

  test("lists newest first, filters by part of the recipient in any case, pages, and counts by status", async () => {
    for (let i = 1; i <= 5; i++) await queueMail({ to: `bob+${i}@Mairie.example.fr`, subject: `Message ${i}`, text: "…" });
    const bob = await listOutbox({ recipient: "MAIRIE.example", page: 1, pageSize: 2 });
    expect(bob.total).toBe(5);
    expect(bob.pageCount).toBe(3);
    expect(bob.items.map((m) => m.subject)).toEqual(["Message 5", "Message 4"]);
    expect(bob.items[0]).not.toHaveProperty("textBody");
    const lastPage = await listOutbox({ recipient: "mairie.example", page: 3, pageSize: 2 });
    expect(lastPage.items.map((m) => m.subject)).toEqual(["Message 1"]);
    expect((await listOutbox({ recipient: "%", page: 1 })).total).toBe(0);
    const everything = await listOutbox({ page: 1 });
    expect(everything.total).toBe(6);
    expect(everything.items[0].subject).toBe("Message 5");
    expect(await outboxCounts()).toEqual({ kept: 6, queued: 0, sent: 0, failed: 0 });
  });
});
