// A contest's phase is never stored: it follows from its calendar and the server clock.
import { labelledValues } from "~/ui/labelled-values";

export type ContestCalendar = {
  submissionsOpenAt: Date;
  submissionsCloseAt: Date;
  reviewOpenAt: Date;
  reviewCloseAt: Date;
  resultsAt: Date;
};

/** The five dates alone, out of a row that carries them among other columns. */
export function calendarOf(row: ContestCalendar): ContestCalendar {
  const { submissionsOpenAt, submissionsCloseAt, reviewOpenAt, reviewCloseAt, resultsAt } = row;
  return { submissionsOpenAt, submissionsCloseAt, reviewOpenAt, reviewCloseAt, resultsAt };
}

export const { values: phases, labels: phaseLabels } = labelledValues({
  draft: "En préparation",
  submissions_open: "Dépôt des candidatures ouvert",
  submissions_closed: "Dépôt des candidatures clos",
  review: "Évaluation par le jury",
  deliberation: "Délibération",
  results_published: "Résultats publiés",
});
export type Phase = (typeof phases)[number];

/** Each boundary is inclusive at its start: at the closing instant itself, submissions are closed. */
export function contestPhase(calendar: ContestCalendar, now: Date): Phase {
  const t = now.getTime();
  if (t < calendar.submissionsOpenAt.getTime()) return "draft";
  if (t < calendar.submissionsCloseAt.getTime()) return "submissions_open";
  if (t < calendar.reviewOpenAt.getTime()) return "submissions_closed";
  if (t < calendar.reviewCloseAt.getTime()) return "review";
  if (t < calendar.resultsAt.getTime()) return "deliberation";
  return "results_published";
}

export type CalendarProblem = { field: keyof ContestCalendar; message: string };

/** The dates must follow each other; returns the first field out of order, with a French message. */
export function calendarProblems(calendar: ContestCalendar): CalendarProblem[] {
  const order: [keyof ContestCalendar, keyof ContestCalendar, string][] = [
    ["submissionsOpenAt", "submissionsCloseAt", "La clôture des candidatures doit suivre leur ouverture."],
    ["submissionsCloseAt", "reviewOpenAt", "L'évaluation ne peut commencer avant la clôture des candidatures."],
    ["reviewOpenAt", "reviewCloseAt", "La fin de l'évaluation doit suivre son début."],
    ["reviewCloseAt", "resultsAt", "Les résultats ne peuvent être publiés avant la fin de l'évaluation."],
  ];
  const problems: CalendarProblem[] = [];
  for (const [before, after, message] of order) {
    const strict = before === "submissionsOpenAt" || before === "reviewOpenAt";
    const a = calendar[before].getTime();
    const b = calendar[after].getTime();
    if (strict ? b <= a : b < a) problems.push({ field: after, message });
  }
  return problems;
}
