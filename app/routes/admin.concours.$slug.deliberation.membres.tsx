import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { now } from "~/infra/clock.server";
import { contestToDeliberate, loadDeliberationJurors } from "~/results/deliberation.server";
import { formatScore, formatSigned } from "~/results/figures";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Notes des membres du jury", data?.contest.title ?? "Concours", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await contestToDeliberate(params.slug);
  return { contest: { slug: contest.slug, title: contest.title }, jurors: await loadDeliberationJurors(contest, now()) };
});

/** Each juror's sealed scores: mean, spread and severity relative to the rest of the jury. */
export default function DeliberationJurors() {
  const { contest, jurors } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to={`/admin/concours/${contest.slug}/deliberation`}>Délibération</BackLink>
      <h1>Notes des membres du jury</h1>
      {jurors === null ? (
        <p>Les notes ne sont pas encore scellées : les figures de chaque membre du jury se calculent sur les notes scellées.</p>
      ) : (
        <>
          <p>
            Sévérité : écart moyen entre les notes du membre et celles des autres membres sur les mêmes propositions (négatif : plus sévère que le
            reste du jury ; positif : plus indulgent).
          </p>
          <DataTable
            caption="Notes des membres du jury : moyenne, dispersion et sévérité relative"
            headers={["Membre du jury", "Évaluations", "Moyenne", "Dispersion (écart type)", "Sévérité"]}
            rowHeaders
            rows={jurors.map((juror) => ({
              key: juror.userId,
              cells: [juror.name, juror.count, formatScore(juror.mean), formatScore(juror.sd), formatSigned(juror.severity)],
            }))}
          />
        </>
      )}
    </>
  );
}
