import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { formatSiret } from "~/organisations/siret";
import { makerKindLabels } from "~/makers/kinds";
import { decideKitRequest, listKitRequests, listMakers } from "~/makers/makers.server";
import { decisionSchema } from "~/makers/schemas";
import { TextArea } from "~/ui/fields";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [{ title: pageTitle("Fabricants", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const [requests, makers] = await Promise.all([listKitRequests(), listMakers()]);
  return { requests, makers };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const input = await form.parse(decisionSchema);
  await decideKitRequest({ makerId: input.makerId, kitId: input.kitId, status: input.decision, reason: input.reason, actorId: user.id, now: now() });
  return redirectWithNotice("/admin/fabricants", input.decision === "approved" ? "approuvee" : "refusee");
});

const decisions = [
  { value: "approved", label: "Approuver", secondary: false },
  { value: "refused", label: "Refuser", secondary: true },
];

export default function AdminMakers() {
  const { requests, makers } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>Fabricants</h1>
      <SuccessNotice
        notices={{
          approuvee: "La demande est approuvée ; les membres du fabricant en sont informés par courriel.",
          refusee: "La demande est refusée ; les membres du fabricant en reçoivent la raison par courriel.",
        }}
      />
      <ErrorSummary errors={answer?.errors._form ? { _form: answer.errors._form } : undefined} labels={{}} />
      <p>
        Les fabricants inscrits demandent à fabriquer des kits du catalogue. Approuvez chaque demande, ou refusez-la en indiquant la raison : le
        fabricant la lira. Un fabricant approuvé déclare ensuite les départements qu'il livre et sa capacité par mois.
      </p>
      <h2>{requests.length === 0 ? "Aucune demande en attente" : plural(requests.length, "demande en attente", "demandes en attente")}</h2>
      {requests.map((request) => {
        const key = `${request.makerId}-${request.kitId}`;
        const refused =
          answer && !answer.errors._form && answer.values.makerId === String(request.makerId) && answer.values.kitId === String(request.kitId)
            ? answer
            : null;
        return (
          <section key={key} className="fr-card fr-p-3w fr-mb-3w" aria-labelledby={`demande-${key}`}>
            <h3 id={`demande-${key}`} className="fr-h5">
              {request.makerName} — {request.kitTitle}
            </h3>
            <p>
              {makerKindLabels[request.makerKind]} à {request.communeName} ({request.departementCode}), SIRET {request.siret}. Demande du{" "}
              {formatParis(new Date(request.requestedAt))}.
            </p>
            <Form method="post">
              <ErrorSummary errors={refused?.errors} labels={{ reason: "Raison du refus" }} />
              <input type="hidden" name="makerId" value={request.makerId} />
              <input type="hidden" name="kitId" value={request.kitId} />
              <TextArea
                label="Raison du refus (facultative pour une approbation)"
                name="reason"
                id={refused ? "champ-reason" : `raison-${key}`}
                rows={2}
                maxLength={2000}
                defaultValue={refused?.values.reason}
                error={refused?.errors.reason}
              />
              <ul className="fr-btns-group fr-btns-group--inline-sm">
                {decisions.map((decision) => (
                  <li key={decision.value}>
                    <button
                      type="submit"
                      name="decision"
                      value={decision.value}
                      className={`fr-btn${decision.secondary ? " fr-btn--secondary" : ""}`}
                    >
                      {decision.label}
                      <span className="fr-sr-only">
                        {" "}
                        : {request.makerName}, {request.kitTitle}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </Form>
          </section>
        );
      })}
      <h2 className="fr-mt-6w">{plural(makers.length, "fabricant inscrit", "fabricants inscrits")}</h2>
      <p>
        Pour ajouter une personne aux membres d'un fabricant, donnez-lui le rôle « Fabricant » depuis la page{" "}
        <Link to="/admin/utilisateurs">Utilisateurs</Link>, avec le numéro du fabricant.
      </p>
      {makers.length > 0 ? (
        <DataTable
          caption="Fabricants inscrits"
          hideCaption
          headers={["Fabricant", "Numéro", "SIRET", "Commune", "Membres", "Kits approuvés", "Retrait"]}
          rowHeaders
          rows={makers.map((maker) => ({
            key: maker.id,
            cells: [
              `${maker.name} (${makerKindLabels[maker.kind]})`,
              maker.id,
              formatSiret(maker.siret),
              `${maker.communeName} (${maker.departementCode})`,
              maker.members,
              maker.approvedKits,
              <Link key="retrait" to={`/admin/fabricants/${maker.id}/retrait`}>
                Retirer ce fabricant<span className="fr-sr-only"> : {maker.name}</span>
              </Link>,
            ],
          }))}
        />
      ) : null}
    </>
  );
}
