import { randomUUID } from "node:crypto";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { recordId } from "~/http/params";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { pageNumber } from "~/infra/paging";
import { submitOrder } from "~/orders/orders.server";
import { orderingSpace } from "~/orders/structure-orders.server";
import { orderFormSchema } from "~/orders/structure-schemas";
import { pageTitle } from "~/ui/page-title";
import { AllowanceSection } from "./allowance-section";
import { OrderForm } from "./order-form";
import { OrdersTable } from "./orders-table";
import { StructureChoice } from "./structure-choice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Commandes de ${data.structure.legalName}` : "Commandes", "Espace structure") },
];

// A person member of several structures chooses one with `?structure=<id>`; the first otherwise.
const wantedSchema = z.object({ structure: recordId.optional().catch(undefined), page: pageNumber.default(1) });

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "structure" });
  const { structure, page } = readQuery(request, wantedSchema);
  const space = await orderingSpace({ userId: user.id, structureId: structure, now: now(), page });
  // Every sending of the form shown carries this key: a double click, a retry or a replay finds one order.
  return { ...space, idempotencyKey: randomUUID() };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "structure" });
  const input = await form.parse(orderFormSchema);
  const order = await submitOrder({
    structureId: input.structureId,
    memberId: user.id,
    idempotencyKey: input.idempotencyKey,
    lines: input.lines,
    now: now(),
  });
  return redirectWithNotice(`/structure/commandes/${order.id}`, "envoyee");
});

export default function StructureOrders() {
  const space = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Commandes de kits</h1>
      <p className="fr-text--lead">{space.structure.legalName}</p>
      <StructureChoice structures={space.structures} current={space.structure.id} />
      <AllowanceSection space={space} />
      <OrderForm space={space} answer={answer} />
      <OrdersTable orders={space.orders} />
    </div>
  );
}
