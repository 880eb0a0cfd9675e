import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { ContestForm, contestFieldLabels, contestFormValues, valuesFromSubmission } from "~/contest/contest-form";
import { createContest, SlugTaken } from "~/contest/contests.server";
import { defaultAudiences, defaultCriteria, defaultLimits, defaultThemes } from "~/contest/defaults";
import { contestFormSchema } from "~/contest/schemas";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import { ErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Créer un concours — Administration — Kits d'inclusion numérique" }];

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const formData = await readFormData(request);
  const form = parseForm(formData, contestFormSchema);
  if (!form.ok) return data({ errors: form.errors, values: valuesFromSubmission(form.values, form.lists) }, { status: 400 });
  try {
    const contest = await createContest(form.data, user.id);
    return redirect(`/admin/concours/${contest.slug}?cree=1`);
  } catch (error) {
    if (error instanceof SlugTaken) {
      const { values, lists } = submittedValues(formData);
      return data({ errors: { slug: error.message }, values: valuesFromSubmission(values, lists) }, { status: 409 });
    }
    throw error;
  }
}

export default function NewContest() {
  const { values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Créer un concours</h1>
      <ErrorSummary errors={result?.errors} labels={contestFieldLabels} />
      <ContestForm values={result?.values ?? values} errors={result?.errors} submitLabel="Créer le concours" />
    </>
  );
}
