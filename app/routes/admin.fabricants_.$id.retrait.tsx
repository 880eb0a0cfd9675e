import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { makerForWithdrawal, withdrawMaker } from "~/routing/routing.server";
import { withdrawLabels, withdrawSchema } from "~/routing/schemas";
import { BackLink } from "~/ui/back-link";
import { fieldBinder, TextArea } from "~/ui/fields";
import { ErrorSummary, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

const MAKER_NOT_FOUND = "Fabricant introuvable.";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Retirer ${data.name}` : "Retirer un fabricant", "Fabricants", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  return makerForWithdrawal(requireRecordId(params.id, MAKER_NOT_FOUND));
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const makerId = requireRecordId(params.id, MAKER_NOT_FOUND);
  const input = await form.parse(withdrawSchema);
  const done = await withdrawMaker({ makerId, reason: input.reason, actorId: user.id, now: now() });
  return redirectWithNotice(`/admin/fabricants/${makerId}/retrait`, "retire", {
    reprises: done.cancelled.length,
    enFabrication: done.inProduction.length,
  });
});

export default function MakerWithdrawal() {
  const maker = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer?.errors ?? {};
  const bound = fieldBinder(withdrawLabels, { reason: "", ...answer?.values }, errors);
  return (
    <>
      <BackLink to="/admin/fabricants">Fabricants</BackLink>
      <h1>Retirer {maker.name}</h1>
      <SuccessNotice
        notices={{
          retire: (figures) =>
            `${plural(Number(figures.get("reprises")), "part reprise", "parts reprises")} au fabricant : leurs unités retournent au routage, qui les confiera à d'autres fabricants. ` +
            `${plural(Number(figures.get("enFabrication")), "part en fabrication reste", "parts en fabrication restent")} à ce fabricant.`,
        }}
      />
      <p>
        Pour un fabricant qui ne répond plus : ses parts de commandes à accepter ou acceptées lui sont reprises et leurs unités retournent au routage
        ; ses kits sont mis en pause, pour que le prochain routage ne les lui confie pas de nouveau. Les parts dont la fabrication a commencé lui
        restent : voyez-les avec lui.
      </p>
      <ul>
        <li>{plural(maker.open, "part à accepter ou acceptée", "parts à accepter ou acceptées")}</li>
        <li>{plural(maker.inProduction, "part en fabrication ou expédiée", "parts en fabrication ou expédiées")}</li>
      </ul>
      <ErrorSummary errors={answer?.errors} labels={withdrawLabels} />
      <Form method="post" noValidate>
        <RequiredFieldsNote />
        <TextArea {...bound("reason")} rows={3} maxLength={2000} required hint="Conservée au journal et transmise aux membres du fabricant." />
        <SubmitButton>Retirer ce fabricant</SubmitButton>
      </Form>
    </>
  );
}
