import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { ContestForm, contestFieldLabels, contestFormValues, valuesFromSubmission } from "~/contest/contest-form";
import { createContest } from "~/contest/contests.server";
import { defaultAudiences, defaultCriteria, defaultLimits, defaultThemes } from "~/contest/defaults";
import { contestFormSchema } from "~/contest/schemas";
import { formAction } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { ErrorSummary } from "~/ui/form";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Créer un concours", "Administration") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  // A starting calendar a few weeks ahead, to be adjusted.
  const day = 86_400_000;
  const start = new Date(Math.ceil(now().getTime() / day) * day + 7 * day + 8 * 3_600_000);
  const at = (days: number) => new Date(start.getTime() + days * day);
  const values = contestFormValues({
    title: "",
    slug: "",
    rules: "",
    calendar: { submissionsOpenAt: at(0), submissionsCloseAt: at(42), reviewOpenAt: at(45), reviewCloseAt: at(75), resultsAt: at(90) },
    themes: defaultThemes,
    audiences: defaultAudiences,
    criteria: defaultCriteria,
    limits: defaultLimits,
  });
  return { values };
}

// Pure: the browser bundle then drops the server half (esbuild keeps top-level calls otherwise).
export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const contest = await createContest(await form.parse(contestFormSchema), user.id);
  return redirectWithNotice(`/admin/concours/${contest.slug}`, "cree");
});

export default function NewContest() {
  const { values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Créer un concours</h1>
      <ErrorSummary errors={result?.errors} labels={contestFieldLabels} />
      <ContestForm
        values={result ? valuesFromSubmission(result.values, result.lists) : values}
        errors={result?.errors}
        submitLabel="Créer le concours"
      />
    </>
  );
}
