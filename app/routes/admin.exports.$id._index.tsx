import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { findExport } from "~/exports/exports.server";
import { exportStatusLabel } from "~/exports/status";
import { withDomainErrors } from "~/http/answers.server";
import { requireRecordId } from "~/http/params";
import { formatBytes } from "~/infra/blobs/blob-store";
import { formatParis } from "~/infra/paris-time";
import { BackLink } from "~/ui/back-link";
import { pageTitle } from "~/ui/page-title";
import { useRevalidateWhile } from "~/ui/use-revalidate-while";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.job.title}, export n° ${data.job.id}` : "Export introuvable", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "admin" });
  return { job: await findExport(requireRecordId(params.id, "Export introuvable."), user) };
});

export default function ExportProgress() {
  const { job } = useLoaderData<typeof loader>();
  const pending = job.status === "queued" || job.status === "running";
  useRevalidateWhile(pending);
  return (
    <>
      <BackLink to="/admin/exports">Exports</BackLink>
      <h1>{`${job.title}, export n° ${job.id}`}</h1>
      <p>Demandé le {formatParis(new Date(job.requestedAt))}.</p>
      <div role="status" aria-live="polite">
        <label htmlFor="avancement" className="fr-label">
          Avancement : {exportStatusLabel(job)}
        </label>
        <progress id="avancement" max={job.rowsTotal ?? 1} value={job.status === "done" ? (job.rowsTotal ?? 1) : job.rowsDone} className="fr-mt-1w">
          {job.rowsDone}
        </progress>
      </div>
      {job.status === "done" ? (
        <p className="fr-mt-3w">
          <a className="fr-btn" href={`/admin/exports/${job.id}/fichier`} download>
            Télécharger le fichier ({formatBytes(job.byteSize ?? 0)})
          </a>
        </p>
      ) : null}
    </>
  );
}
