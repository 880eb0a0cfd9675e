import { describe, expect, test } from "vitest";
import { listAuditPage } from "~/audit/audit.server";
import {
  CalendarLocked,
  createContest,
  currentPublicContest,
  extendDeadline,
  findContestBySlug,
  SlugTaken,
  updateContest,
} from "~/contest/contests.server";
import { fromParisLocal } from "~/infra/paris-time";
import { db } from "~/infra/db.server";
import { contestInput, createPerson } from "../../support/fixtures";
import { beforeSubmissions, contestCalendar, duringSubmissions } from "../../support/calendar";

async function admin() {
  return (await createPerson(db, { name: "Admin", roles: ["admin"] })).id;
}

describe("contests", () => {
  test("an admin creates a contest with its criteria, and it is audited", async () => {
    const actor = await admin();
    const contest = await createContest(contestInput({ slug: "concours-a" }), actor);
    expect(contest.criteria.map((c) => [c.position, c.label, c.weight])).toEqual([
      [1, "Pertinence pédagogique", 60],
      [2, "Accessibilité", 40],
    ]);
    expect((await findContestBySlug("concours-a"))?.title).toBe(contest.title);
    const [entry] = (await listAuditPage({ subject: `contest:${contest.id}`, page: 1 })).items;
    expect(entry).toMatchObject({ action: "contest.created", actorId: actor });
  });

  test("two contests cannot share a slug", async () => {
    const actor = await admin();
    await createContest(contestInput({ slug: "concours-b" }), actor);
    await expect(createContest(contestInput({ slug: "concours-b" }), actor)).rejects.toBeInstanceOf(SlugTaken);
    // Answered beside the slug field, as a conflict with the state of the portal.
    await expect(createContest(contestInput({ slug: "concours-b" }), actor)).rejects.toMatchObject({ field: "slug" });
  });

  test("the database itself refuses a calendar out of order", async () => {
    const input = contestInput({ slug: "concours-c" });
    input.calendar.reviewOpenAt = new Date(input.calendar.submissionsOpenAt.getTime() - 1000);
    await expect(createContest(input, await admin())).rejects.toThrow(/contests_check/);
  });

  test("once submissions have opened, the form cannot move the deadline; an extension can, only later, with its reason audited", async () => {
    const actor = await admin();
    const contest = await createContest(contestInput({ slug: "concours-d" }), actor);
    const moved = contestInput({ slug: "concours-d", submissionsCloseAt: "2026-03-30T12:00" });
    await expect(updateContest(contest.id, moved, actor, duringSubmissions)).rejects.toBeInstanceOf(CalendarLocked);
    await expect(updateContest(contest.id, moved, actor, duringSubmissions)).rejects.toMatchObject({ field: "submissionsCloseAt" });

    const retitled = contestInput({ slug: "concours-d", title: "Concours 2026, édition révisée" });
    expect((await updateContest(contest.id, retitled, actor, duringSubmissions))?.title).toBe("Concours 2026, édition révisée");

    const earlier = fromParisLocal("2026-03-28T12:00");
    await expect(
      extendDeadline({ contestId: contest.id, submissionsCloseAt: earlier, reason: "Erreur de saisie", actorId: actor }),
    ).rejects.toBeInstanceOf(CalendarLocked);

    const later = fromParisLocal("2026-03-31T12:00");
    const extended = await extendDeadline({
      contestId: contest.id,
      submissionsCloseAt: later,
      reason: "Panne du portail le 28 mars",
      actorId: actor,
    });
    expect(extended?.calendar.submissionsCloseAt.toISOString()).toBe(later.toISOString());
    const [entry] = (await listAuditPage({ subject: `contest:${contest.id}`, page: 1 })).items;
    expect(entry).toMatchObject({ action: "contest.deadline_extended", data: { reason: "Panne du portail le 28 mars", to: later.toISOString() } });
  });

  test("the public contest is the latest whose submissions have opened", async () => {
    const actor = await admin();
    await createContest(contestInput({ slug: "concours-e", submissionsOpenAt: "2026-03-02T09:00" }), actor);
    expect(await currentPublicContest(beforeSubmissions)).toBeNull();
    expect((await currentPublicContest(fromParisLocal("2026-03-02T00:00")))?.calendar.submissionsOpenAt).toEqual(contestCalendar.submissionsOpenAt);
    expect((await currentPublicContest(fromParisLocal("2026-03-02T10:00")))?.slug).toBe("concours-e");
  });
});
