import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import { listExports, requestExport } from "~/exports/exports.server";
import { exportRequestLabels, exportRequestSchema } from "~/exports/schemas";
import { exportStatusLabel } from "~/exports/status";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary, SubmitButton } from "~/ui/form";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Exports", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "admin" });
  return { exports: await listExports(user) };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const { kind } = await form.parse(exportRequestSchema);
  const job = await requestExport({ kind, userId: user.id, now: now() });
  return redirect(`/admin/exports/${job.id}`);
});

export default function Exports() {
  const { exports } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>Exports</h1>
      <ErrorSummary errors={answer?.errors} labels={exportRequestLabels} />
      <p>Les longues listes sont exportées en arrière-plan : vous suivez l'avancement, puis vous téléchargez le fichier (CSV pour tableur).</p>
      <Form method="post" noValidate>
        <input type="hidden" name="kind" value="structures" />
        <SubmitButton>Exporter la liste des structures</SubmitButton>
      </Form>
      {exports.length > 0 ? (
        <DataTable
          caption="Vos derniers exports"
          headers={["Export", "Demandé le", "État"]}
          rows={exports.map((job) => ({
            key: job.id,
            cells: [
              <Link key="link" to={`/admin/exports/${job.id}`}>{`${job.title} n° ${job.id}`}</Link>,
              formatParis(new Date(job.requestedAt)),
              exportStatusLabel(job),
            ],
          }))}
        />
      ) : null}
    </>
  );
}
