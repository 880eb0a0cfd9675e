// Feedback on use on PostgreSQL: the job asks each due feedback once, even run by several workers
// at the same time; a member of the ordering structure answers once; the admin publishes or hides;
// only published answers reach the kit's page and its designer, with no person's name.
import { parseCrontab } from "graphile-worker";
import { beforeAll, describe, expect, test, vi } from "vitest";
import {
  answerFeedback,
  askDueFeedback,
  feedbackForDesigner,
  FeedbackNotFound,
  findFeedbackForMember,
  listFeedbackForModeration,
  moderateFeedback,
  publishedFeedbackOfKit,
} from "~/feedback/feedback.server";
import { db } from "~/infra/db.server";
import { Conflict, Refused } from "~/infra/domain-errors";
import { enqueue, startQueueWorker } from "~/infra/queue.server";
import { crontab, taskList } from "~/jobs.server";
import { approvedOrder, makerFor, shareOf, type TestMaker } from "../../support/fulfilment-world";
import { auditOf, createPerson } from "../../support/fixtures";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";

let world: OrdersWorld;
let maker: TestMaker;

beforeAll(async () => {
  world = await ordersWorld(db);
  maker = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35", "15"] });
});

const WEEK = 7 * 86_400_000;

/**
 * A delivered order of both kits by a new library (Rennes unless told), with a second member, and
 * the feedback rows the receipt step writes (asked already when `asked`).
 */
async function delivered(options: { askAfter?: Date; asked?: boolean; communeCode?: string } = {}) {
  const order = await approvedOrder(
    db,
    world,
    [
      { kitId: world.coffret.kitId, quantity: 1 },
      { kitId: world.jeu.kitId, quantity: 1 },
    ],
    options.communeCode,
  );
  await shareOf(db, order, maker, "delivered");
  const colleague = await createPerson(db, { name: "Collègue", roles: ["structure"], scope: `structure:${order.structureId}` });
  const askAfter = options.askAfter ?? new Date(world.now.getTime() - WEEK);
  const asked = options.asked ? world.now : null;
  const rows = await db<{ id: number; kitId: number }[]>`
    insert into kit_feedback (order_id, kit_id, ask_after, asked_at)
    values (${order.orderId}, ${world.coffret.kitId}, ${askAfter}, ${asked}), (${order.orderId}, ${world.jeu.kitId}, ${askAfter}, ${asked})
    returning id, kit_id`;
  const byKit = (kitId: number) => rows.find((row) => row.kitId === kitId)!.id;
  return { ...order, colleagueId: colleague.id, coffret: byKit(world.coffret.kitId), jeu: byKit(world.jeu.kitId) };
}

async function mailsAbout(feedbackId: number) {
  return db<{ toAddress: string; subject: string; textBody: string }[]>`
    select to_address, subject, text_body from mail_outbox where text_body like ${`%/structure/retours/${feedbackId}\n%`} order by id`;
}

async function feedbackRow(id: number) {
  const [row] = await db`select asked_at, rating, people_reached, themes, comment, answered_by, moderation from kit_feedback where id = ${id}`;
  return row;
}

const answer = { rating: 4, peopleReached: 35, themes: ["Réseaux sociaux"], comment: "Les ateliers du mardi l'utilisent chaque semaine." };

describe("asking", () => {
  test("each due feedback is asked once, by e-mail to every member, even with three workers at once; a later one waits", async () => {
    const due = [];
    for (let i = 0; i < 5; i++) due.push(await delivered());
    const later = await delivered({ askAfter: new Date(world.now.getTime() + WEEK) });

    const runs = await Promise.all([1, 2, 3].map(() => askDueFeedback({ now: world.now, batchSize: 2 })));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(10);

    const [members] = await db<{ emails: string[] }[]>`
      select array_agg(u.email order by u.email) as emails from memberships m join users u on u.id = m.user_id
      where m.scope = ${`structure:${due[0].structureId}`}`;
    for (const order of due) {
      for (const id of [order.coffret, order.jeu]) {
        expect((await feedbackRow(id)).askedAt).toEqual(world.now);
        const mails = await mailsAbout(id);
        expect(mails).toHaveLength(2);
        expect(new Set(mails.map((mail) => mail.toAddress)).size).toBe(2);
      }
    }
    const [coffretMail] = await mailsAbout(due[0].coffret);
    expect(members.emails).toContain(coffretMail.toAddress);
    expect(coffretMail.subject).toMatch(/^Comment utilisez-vous le kit « Coffret /);
    expect(coffretMail.textBody).toContain(`/structure/retours/${due[0].coffret}`);

    expect((await feedbackRow(later.coffret)).askedAt).toBeNull();
    expect(await mailsAbout(later.coffret)).toEqual([]);
    // Asked once: a second run finds nothing.
    expect(await askDueFeedback({ now: world.now })).toBe(0);
    expect(await mailsAbout(due[0].coffret)).toHaveLength(2);
    expect((await auditOf(db, "feedback.asked")).flatMap((entry) => entry.data.feedback as number[]).sort((a, b) => a - b)).toEqual(
      due.flatMap((order) => [order.coffret, order.jeu]).sort((a, b) => a - b),
    );
  });

  test("the crontab schedules the job, and the queue worker runs it with the app's task list", async () => {
    expect(parseCrontab(crontab).map((item) => item.task)).toContain("ask_feedback");
    const order = await delivered({ askAfter: new Date(Date.now() - WEEK) });
    const worker = await startQueueWorker({ connectionString: process.env.DATABASE_URL!, taskList });
    try {
      await enqueue(db, "ask_feedback", {});
      await vi.waitFor(async () => expect((await feedbackRow(order.jeu)).askedAt).toBeInstanceOf(Date), { timeout: 30_000, interval: 100 });
    } finally {
      await worker.stop();
    }
    expect(await mailsAbout(order.jeu)).toHaveLength(2);
  });
});

describe("answering", () => {
  test("a member answers once; a second answer is a conflict and changes nothing; audited", async () => {
    const order = await delivered({ asked: true });
    const form = await findFeedbackForMember({ feedbackId: order.coffret, userId: order.colleagueId });
    expect(form).toMatchObject({ kitThemes: ["Réseaux sociaux"], answer: null });

    await answerFeedback({ feedbackId: order.coffret, userId: order.colleagueId, answer, now: world.now });
    const saved = await feedbackRow(order.coffret);
    expect(saved).toMatchObject({ rating: 4, peopleReached: 35, themes: ["Réseaux sociaux"], answeredBy: order.colleagueId, moderation: "pending" });
    expect((await auditOf(db, "feedback.answered")).at(-1)).toMatchObject({ actorId: order.colleagueId, subject: `feedback:${order.coffret}` });

    const again = answerFeedback({
      feedbackId: order.coffret,
      userId: order.memberId,
      answer: { ...answer, rating: 1, comment: "Autre avis." },
      now: world.now,
    });
    await expect(again).rejects.toBeInstanceOf(Conflict);
    await expect(again).rejects.toThrow("Votre structure a déjà répondu à ce questionnaire");
    expect(await feedbackRow(order.coffret)).toEqual(saved);
  });

  test("two answers at the same instant: one is kept, the other is a conflict", async () => {
    const order = await delivered({ asked: true });
    const results = await Promise.allSettled([
      answerFeedback({ feedbackId: order.jeu, userId: order.memberId, answer: { ...answer, themes: [], rating: 5 }, now: world.now }),
      answerFeedback({ feedbackId: order.jeu, userId: order.colleagueId, answer: { ...answer, themes: [], rating: 2 }, now: world.now }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
  });

  test("another structure's member, a feedback not asked yet, a theme not of the kit: refused, nothing saved", async () => {
    const order = await delivered({ asked: true });
    const other = await delivered({ asked: true });
    const notYet = await delivered({ askAfter: new Date(world.now.getTime() + WEEK) });
    await expect(findFeedbackForMember({ feedbackId: order.coffret, userId: other.memberId })).rejects.toBeInstanceOf(FeedbackNotFound);
    await expect(answerFeedback({ feedbackId: order.coffret, userId: other.memberId, answer, now: world.now })).rejects.toBeInstanceOf(
      FeedbackNotFound,
    );
    await expect(answerFeedback({ feedbackId: notYet.coffret, userId: notYet.memberId, answer, now: world.now })).rejects.toBeInstanceOf(
      FeedbackNotFound,
    );
    const wrongTheme = answerFeedback({ feedbackId: order.jeu, userId: order.memberId, answer, now: world.now });
    await expect(wrongTheme).rejects.toBeInstanceOf(Refused);
    await expect(wrongTheme).rejects.toThrow("Thème inconnu");
    for (const id of [order.coffret, order.jeu, notYet.coffret]) expect((await feedbackRow(id)).rating).toBeNull();
  });
});

describe("moderation and what is shown", () => {
  test("only published answers count: average, count, people reached, comments with kind and département, no names", async () => {
    const kitId = world.coffret.kitId;
    // Answers of the tests above wait for moderation: nothing is published yet.
    expect(await publishedFeedbackOfKit(kitId)).toEqual({ count: 0, averageRating: null, peopleReached: 0, comments: [] });
    const answers = [
      { rating: 5, peopleReached: 10, comment: "Très apprécié des seniors.", decision: "published" },
      { rating: 4, peopleReached: 20, comment: null, decision: "published" },
      { rating: 3, peopleReached: 30, comment: "Correct.", decision: "published" },
      { rating: 1, peopleReached: 1000, comment: "Masqué : il nomme Madame Dupont.", decision: "hidden" },
      { rating: 1, peopleReached: 500, comment: "Pas encore relu.", decision: null },
    ] as const;
    const ids: number[] = [];
    for (const [index, given] of answers.entries()) {
      const order = await delivered({ asked: true, communeCode: index === 0 ? "15187" : undefined });
      await answerFeedback({
        feedbackId: order.coffret,
        userId: order.memberId,
        answer: { rating: given.rating, peopleReached: given.peopleReached, themes: [], comment: given.comment },
        now: new Date(world.now.getTime() + index * 1000),
      });
      if (given.decision) await moderateFeedback({ feedbackId: order.coffret, decision: given.decision, actorId: world.adminId, now: world.now });
      ids.push(order.coffret);
    }
    const { pending, moderated } = await listFeedbackForModeration({ page: 1 });
    expect(pending.items.map((item) => item.id)).toContain(ids[4]);
    expect(pending.items.map((item) => item.id)).not.toContain(ids[0]);
    expect(moderated.find((item) => item.id === ids[3])).toMatchObject({ moderation: "hidden", structureKind: "library" });

    const shown = await publishedFeedbackOfKit(kitId);
    expect(shown).toMatchObject({ count: 3, averageRating: 4, peopleReached: 60 });
    const texts = shown.comments.map((comment) => comment.comment);
    expect(texts).toEqual(expect.arrayContaining(["Très apprécié des seniors.", "Correct."]));
    expect(texts).not.toContain("Pas encore relu.");
    expect(texts.some((text) => text.startsWith("Masqué"))).toBe(false);
    expect(shown.comments.find((comment) => comment.comment === "Très apprécié des seniors.")).toMatchObject({
      structureKind: "library",
      departementCode: "15",
      departementName: "Cantal",
    });
    expect(JSON.stringify(shown)).not.toMatch(/Médiathèque|Membre de la structure|Collègue|answeredBy|@/);

    // The designer sees the same, for each of their kits.
    const [designer] = await db<{ ownerId: number }[]>`
      select p.owner_id from catalogue_kits k join proposals p on p.id = k.proposal_id where k.id = ${kitId}`;
    const mine = await feedbackForDesigner(designer.ownerId);
    expect(mine.find((kit) => kit.kitId === kitId)?.feedback).toEqual(shown);
    expect(mine.map((kit) => kit.kitId)).not.toContain(world.jeu.kitId);
  });

  test("the average is rounded to one decimal over published answers only", async () => {
    const kitId = world.jeu.kitId;
    expect((await publishedFeedbackOfKit(kitId)).count).toBe(0);
    for (const rating of [5, 4, 4]) {
      const order = await delivered({ asked: true });
      await answerFeedback({ feedbackId: order.jeu, userId: order.memberId, answer: { ...answer, rating, themes: [] }, now: world.now });
      await moderateFeedback({ feedbackId: order.jeu, decision: "published", actorId: world.adminId, now: world.now });
    }
    expect(await publishedFeedbackOfKit(kitId)).toMatchObject({ count: 3, averageRating: 4.3, peopleReached: 105 });
  });

  test("the queue comes a page at a time, oldest answer first, with how many wait; a page past the end is empty", async () => {
    const before = await listFeedbackForModeration({ page: 1, pageSize: 1000 });
    const answered: number[] = [];
    for (let i = 0; i < 3; i++) {
      const order = await delivered({ asked: true });
      // Later than every answer of the tests above, one second apart: they close the queue in this order.
      await answerFeedback({ feedbackId: order.coffret, userId: order.memberId, answer, now: new Date(world.now.getTime() + 86_400_000 + i * 1000) });
      answered.push(order.coffret);
    }
    const waiting = before.pending.total + 3;
    const pageSize = 2;
    const lastPage = Math.ceil(waiting / pageSize);
    const pages = await Promise.all(Array.from({ length: lastPage + 1 }, (_, i) => listFeedbackForModeration({ page: i + 1, pageSize })));
    expect(pages.map(({ pending }) => pending.items.length)).toEqual([
      ...Array.from({ length: lastPage - 1 }, () => pageSize),
      waiting - (lastPage - 1) * pageSize,
      0,
    ]);
    expect(pages[0].pending).toMatchObject({ total: waiting, page: 1, pageCount: lastPage });
    // Every answer once, in the order they were given: the three new ones last.
    const ids = pages.flatMap(({ pending }) => pending.items.map((item) => item.id));
    expect(new Set(ids).size).toBe(waiting);
    expect(ids.slice(-3)).toEqual(answered);
    expect(pages.every(({ pending }) => pending.items.every((item) => item.moderation === "pending"))).toBe(true);
  });

  test("publish and hide are audited; the same decision twice is a conflict; an unanswered or unknown feedback is not found", async () => {
    const order = await delivered({ asked: true });
    await answerFeedback({ feedbackId: order.coffret, userId: order.memberId, answer, now: world.now });
    await moderateFeedback({ feedbackId: order.coffret, decision: "published", actorId: world.adminId, now: world.now });
    expect((await feedbackRow(order.coffret)).moderation).toBe("published");
    await expect(moderateFeedback({ feedbackId: order.coffret, decision: "published", actorId: world.adminId, now: world.now })).rejects.toThrow(
      "Ce retour est déjà publié.",
    );
    await moderateFeedback({ feedbackId: order.coffret, decision: "hidden", actorId: world.adminId, now: world.now });
    expect((await feedbackRow(order.coffret)).moderation).toBe("hidden");
    expect((await auditOf(db, "feedback.published")).at(-1)).toMatchObject({ actorId: world.adminId, subject: `feedback:${order.coffret}` });
    expect((await auditOf(db, "feedback.hidden")).at(-1)).toMatchObject({ actorId: world.adminId, subject: `feedback:${order.coffret}` });

    await expect(moderateFeedback({ feedbackId: order.jeu, decision: "published", actorId: world.adminId, now: world.now })).rejects.toBeInstanceOf(
      FeedbackNotFound,
    );
    await expect(
      moderateFeedback({ feedbackId: 9_007_199_254_740_991, decision: "published", actorId: world.adminId, now: world.now }),
    ).rejects.toBeInstanceOf(FeedbackNotFound);
    expect((await feedbackRow(order.jeu)).moderation).toBe("pending");
  });
});
