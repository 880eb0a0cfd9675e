import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { conflictChangeSchema, conflictFilterSchema } from "~/jury/admin-schemas";
import { applyConflictChange, conflictsPage } from "~/jury/conflicts.server";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";
import { AddConflict } from "./add-conflict";
import { ConflictsList } from "./conflicts-list";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Conflits d'intérêts", data?.contest.title ?? "Concours", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  return conflictsPage({ slug: params.slug!, now: now(), filter: readQuery(request, conflictFilterSchema) });
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const admin = await requireUser(request, { role: "admin" });
  const change = await form.parse(conflictChangeSchema);
  const result = await applyConflictChange({ slug: params.slug!, actorId: admin.id, change });
  const page = `/admin/concours/${params.slug}/jury/conflits`;
  switch (result.done) {
    case "detected": {
      const { outcome } = result;
      return redirectWithNotice(page, "detected", {
        trouves: outcome.detected,
        nouveaux: outcome.added,
        retires: outcome.removed,
        leves: outcome.keptLifted,
        liberes: outcome.released,
      });
    }
    case "added":
      return redirectWithNotice(page, "added", result.released ? { libere: 1 } : {});
    case "lifted":
      return redirectWithNotice(page, "lifted", { statut: "leves" });
  }
});

const detectionNotice = {
  detected: (figures: URLSearchParams) => {
    const n = (key: string) => Number(figures.get(key) ?? 0);
    return (
      `Paires en conflit trouvées : ${n("trouves")}, dont ${n("nouveaux")} nouvelle(s). ` +
      `Conflits levés par un gestionnaire, qui restent levés : ${n("leves")}. ` +
      `Conflits détectés auparavant et qui ne le sont plus (retirés) : ${n("retires")}. ` +
      `Affectations en conflit qui ont pris fin : ${n("liberes")}.`
    );
  },
};

const changeNotices = {
  added: (figures: URLSearchParams) =>
    "Le conflit est enregistré. " +
    (figures.get("libere")
      ? "La proposition était affectée à ce membre du jury : l'affectation a pris fin. Relancez l'affectation automatique pour lui trouver un autre évaluateur."
      : "Cette proposition ne lui sera pas affectée.") +
    " La raison figure au journal d'audit.",
  lifted: "Le conflit est levé : sa raison figure au journal d'audit.",
};

export default function JuryConflicts() {
  const { contest, conflicts, jurors } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  // Forms post to the address as shown, so the list keeps its filters after a refusal.
  const actionPath = `/admin/concours/${contest.slug}/jury/conflits${search.toString() ? `?${search.toString()}` : ""}`;
  const intent = answer?.values.intent;

  return (
    <>
      <h1>Conflits d'intérêts</h1>
      <p className="fr-text--lead">{contest.title}</p>
      <SuccessNotice title="La détection est terminée" notices={detectionNotice} />
      <SuccessNotice notices={changeNotices} />
      <p>
        {`${plural(conflicts.active, "conflit actif", "conflits actifs")}, ${plural(conflicts.lifted, "levé")}.`} Les raisons ci-dessous nomment les
        candidats : elles ne sont visibles que des gestionnaires et ne sont jamais montrées aux membres du jury.
      </p>

      <section className="fr-mb-6w" aria-labelledby="detection">
        <h2 id="detection">Détecter les conflits</h2>
        <p>
          Compare les liens déclarés par chaque membre du jury (organisations et SIRET, domaines de courriel, personnes) et son propre nom à
          l'identité des candidats : SIRET et SIREN, domaine de courriel, noms sans tenir compte des accents, de la casse ni de l'ordre des mots. Les
          conflits levés restent levés ; une affectation en conflit prend fin.
        </p>
        <ErrorSummary errors={intent === "detect" ? answer?.errors : undefined} labels={{}} />
        <Form method="post" action={actionPath}>
          <input type="hidden" name="intent" value="detect" />
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Lancer la détection
          </button>
        </Form>
      </section>

      <AddConflict actionPath={actionPath} jurors={jurors} answer={intent === "add" ? answer : undefined} />
      <ConflictsList
        actionPath={actionPath}
        contestSlug={contest.slug}
        conflicts={conflicts}
        jurors={jurors}
        liftAnswer={intent === "lift" ? answer : undefined}
      />
    </>
  );
}
