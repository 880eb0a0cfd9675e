import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { userChangeSchema, type UserChange } from "~/accounts/admin-schemas";
import { changeUser, getUserAdminView } from "~/accounts/admin.server";
import { requireUser } from "~/accounts/permissions.server";
import { describeScope, roleLabels } from "~/accounts/roles";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { formatDate, formatDateTime } from "~/infra/paris-time";
import { Notice } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { AccessSection } from "./access-section";
import { AccountSection } from "./account-section";
import { RolesSection } from "./roles-section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.user.name ?? "Utilisateur", "Administration") }];

const missing = "Cette personne n'existe pas.";

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const admin = await requireUser(request, { role: "admin" });
  const user = await getUserAdminView(requireRecordId(params.id, missing));
  return {
    self: admin.id === user.id,
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      disabledAt: user.disabledAt ? formatDateTime(user.disabledAt) : null,
      emailConfirmed: user.emailConfirmedAt !== null,
      totpEnabled: user.totpEnabledAt !== null,
      liveSessions: user.liveSessions,
      createdAt: formatDate(user.createdAt),
    },
    memberships: user.memberships.map((m) => ({
      id: m.id,
      role: roleLabels[m.role],
      isAdmin: m.role === "admin",
      scope: describeScope(m.scope),
      grantedAt: formatDateTime(m.grantedAt),
      grantedBy: m.grantedByName,
    })),
  };
});

export type UserPageData = ReturnType<typeof useLoaderData<typeof loader>>;

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const admin = await requireUser(request, { role: "admin" });
  const userId = requireRecordId(params.id, missing);
  const change = await form.parse(userChangeSchema);
  const done = await changeUser({ actorId: admin.id, userId, change });
  return redirectWithNotice(`/admin/utilisateurs/${userId}`, done);
});

const doneMessages: Record<UserChange["intent"], string> = {
  grant: "Le rôle a été attribué.",
  revoke: "Le rôle a été retiré.",
  disable: "Le compte est désactivé : ses sessions en cours ont pris fin.",
  enable: "Le compte est réactivé : la personne peut de nouveau se connecter.",
};

export default function UserPage() {
  const { user, memberships, self } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // Every form of the page posts its intent: the grant form shows its own field errors.
  const grant = answer?.values.intent === "grant" ? answer : undefined;
  const refusal =
    answer?.errors._form ??
    (answer && !grant ? Object.values(answer.errors)[0] : undefined) ??
    (grant && Object.keys(grant.errors).length ? "Le rôle n'a pas été attribué : corrigez le formulaire ci-dessous." : undefined);
  const formAction = `/admin/utilisateurs/${user.id}`;

  return (
    <>
      <h1>{user.name}</h1>
      <p className="fr-text--lead">{user.email}</p>
      {refusal ? (
        <Notice kind="error" title="Modification refusée">
          <p>{refusal}</p>
        </Notice>
      ) : (
        <SuccessNotice title="Modification enregistrée" notices={doneMessages} />
      )}
      <AccountSection user={user} />
      <RolesSection
        userName={user.name}
        memberships={memberships}
        self={self}
        formAction={formAction}
        busy={busy}
        errors={grant?.errors ?? {}}
        values={grant?.values ?? {}}
      />
      <AccessSection user={user} self={self} formAction={formAction} busy={busy} />
    </>
  );
}
