import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { listFeedbackForModeration, moderateFeedback, type ModerationItem } from "~/feedback/feedback.server";
import { moderationQuerySchema, moderationSchema } from "~/feedback/schemas";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { formatInteger } from "~/media/media";
import { structureKindLabels } from "~/structures/kinds";
import { DecisionButtons } from "~/ui/decision-buttons";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { pagedSummary, Pagination } from "~/ui/pagination";

export const meta: MetaFunction = () => [{ title: pageTitle("Retours d'usage", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  return listFeedbackForModeration(readQuery(request, moderationQuerySchema));
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const input = await form.parse(moderationSchema);
  await moderateFeedback({ feedbackId: input.feedbackId, decision: input.decision, actorId: user.id, now: now() });
  // Back to the page of the queue the answer was on.
  const { page } = readQuery(request, moderationQuerySchema);
  return redirectWithNotice(page > 1 ? `/admin/retours?page=${page}` : "/admin/retours", input.decision === "published" ? "publie" : "masque");
});

const moderationLabels = { pending: "À relire", published: "Publié", hidden: "Masqué" } as const;

function FeedbackCard({ item }: { item: ModerationItem }) {
  const actions =
    item.moderation === "pending"
      ? [
          { value: "published", label: "Publier", secondary: false },
          { value: "hidden", label: "Masquer", secondary: true },
        ]
      : [
          item.moderation === "published"
            ? { value: "hidden", label: "Masquer", secondary: true }
            : { value: "published", label: "Publier", secondary: false },
        ];
  return (
    <section className="fr-card fr-p-3w fr-mb-3w" aria-labelledby={`retour-${item.id}`}>
      <h3 id={`retour-${item.id}`} className="fr-h5">
        <Link to={`/catalogue/${item.kitSlug}`}>{item.kitTitle}</Link> — {item.structureName}
      </h3>
      <p className="fr-text--sm">
        {structureKindLabels[item.structureKind]}, département {item.departementCode}. Réponse du {formatParis(new Date(item.answeredAt))}.{" "}
        {moderationLabels[item.moderation]}.
      </p>
      <p>
        Note : {item.rating} sur 5. Personnes accompagnées : {formatInteger(item.peopleReached)}.
        {item.themes.length > 0 ? ` Thèmes : ${item.themes.join(", ")}.` : ""}
      </p>
      {item.comment ? <blockquote style={{ whiteSpace: "pre-line" }}>{item.comment}</blockquote> : <p>Sans commentaire.</p>}
      <Form method="post">
        <input type="hidden" name="feedbackId" value={item.id} />
        <DecisionButtons choices={actions} about={`retour de ${item.structureName} sur ${item.kitTitle}`} />
      </Form>
    </section>
  );
}

export default function AdminFeedback() {
  const { pending, moderated } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>Retours d'usage</h1>
      <SuccessNotice
        notices={{
          publie: "Le retour est publié : il paraît sur la page du kit au catalogue et dans l'espace de son concepteur.",
          masque: "Le retour est masqué : il ne paraît plus nulle part.",
        }}
      />
      <ErrorSummary errors={answer?.errors} labels={{}} />
      <p>
        Les structures disent comment elles utilisent les kits reçus. Relisez chaque réponse avant de la publier : elle paraît avec le type de la
        structure et son département, sans nom de personne. Masquez un commentaire qui nomme quelqu'un ou qui n'a pas sa place.
      </p>
      <h2>À relire</h2>
      <p>{pending.total === 0 ? "Aucun retour à relire." : pagedSummary(pending, "retour à relire", "retours à relire")}</p>
      {pending.items.map((item) => (
        <FeedbackCard key={item.id} item={item} />
      ))}
      <Pagination page={pending.page} pageCount={pending.pageCount} more={pending.more} label="Pages des retours à relire" />
      <h2 className="fr-mt-6w">Derniers retours relus</h2>
      {moderated.length === 0 ? <p>Aucun retour relu pour l'instant.</p> : moderated.map((item) => <FeedbackCard key={item.id} item={item} />)}
    </>
  );
}
