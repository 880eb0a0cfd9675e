// The one calendar of the tests: the fixture contest's dates (what contestForm() submits) and the
// instants tests stand at, named by the phase they fall in. Paris time, like the admin's form.
import type { ContestCalendar } from "~/contest/phase";
import { fromParisLocal } from "~/infra/paris-time";

/** The fixture contest's dates as the admin types them. The deadline falls on the night clocks change. */
export const contestDates = {
  submissionsOpenAt: "2026-03-01T09:00",
  submissionsCloseAt: "2026-03-29T12:00",
  reviewOpenAt: "2026-04-01T09:00",
  reviewCloseAt: "2026-05-01T18:00",
  resultsAt: "2026-05-15T10:00",
} as const;

export const contestCalendar: ContestCalendar = {
  submissionsOpenAt: fromParisLocal(contestDates.submissionsOpenAt),
  submissionsCloseAt: fromParisLocal(contestDates.submissionsCloseAt),
  reviewOpenAt: fromParisLocal(contestDates.reviewOpenAt),
  reviewCloseAt: fromParisLocal(contestDates.reviewCloseAt),
  resultsAt: fromParisLocal(contestDates.resultsAt),
};

export const beforeSubmissions = fromParisLocal("2026-02-01T00:00");
export const duringSubmissions = fromParisLocal("2026-03-10T12:00");
/** The submissions deadline, and the first second it is past. */
export const deadline = contestCalendar.submissionsCloseAt;
export const justAfterDeadline = new Date(deadline.getTime() + 1000);
/** Submissions closed, review not yet open. */
export const beforeReview = fromParisLocal("2026-03-30T12:00");
/** Sixteen days and six hours before the review closes. */
export const duringReview = fromParisLocal("2026-04-15T12:00");
export const reviewCloses = contestCalendar.reviewCloseAt;
/** Review closed, results not yet published: the deliberation. */
export const afterReview = fromParisLocal("2026-05-02T12:00");
export const afterResults = fromParisLocal("2026-05-20T12:00");
