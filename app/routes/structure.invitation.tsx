import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getCurrentUser, requireUser } from "~/accounts/permissions.server";
import { tokenQuery } from "~/accounts/schemas";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { NotFound } from "~/infra/domain-errors";
import { formatDate } from "~/infra/paris-time";
import { closedInvitationMessages } from "~/structures/invitation-states";
import { acceptInvitation, findInvitation } from "~/structures/members.server";
import { ErrorSummary, Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Invitation à rejoindre une structure") }];

const incomplete = "Ce lien d'invitation est incomplet ou a été modifié : copiez-le en entier depuis le courriel.";
const acceptance = z.object({ jeton: z.string().regex(/^[A-Za-z0-9_-]{43}$/, incomplete) });

/** /structure/invitation?jeton=… shows whom the link invites to which structure; accepting needs the invited address's account. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const { jeton } = readQuery(request, tokenQuery);
  if (!jeton) throw new NotFound(incomplete);
  const [invitation, user] = await Promise.all([findInvitation({ token: jeton, now: now() }), getCurrentUser(request)]);
  const url = new URL(request.url);
  return { invitation, jeton, signedIn: user ? { name: user.name, email: user.email } : null, here: url.pathname + url.search };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request);
  const { jeton } = await form.parse(acceptance);
  const joined = await acceptInvitation({ token: jeton, userId: user.id, email: user.email, now: now() });
  return redirectWithNotice(`/structure#structure-${joined.structureId}`, "rejointe", { structure: joined.structureName });
});

export default function StructureInvitation() {
  const { invitation, jeton, signedIn, here } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <NarrowPage title="Invitation à rejoindre une structure">
      <p className="fr-text--lead">
        {`${invitation.invitedByName} vous invite à rejoindre la structure « ${invitation.structureName} » (${invitation.communeName}) sur le portail des kits d'inclusion numérique.`}
      </p>
      <ErrorSummary errors={answer?.errors} labels={{}} />
      {invitation.state !== "open" ? (
        <Notice kind="warning" title="Cette invitation ne peut plus être acceptée">
          <p>{closedInvitationMessages[invitation.state]}</p>
        </Notice>
      ) : signedIn ? (
        <>
          <p>
            Vous êtes connecté(e) en tant que {signedIn.name} ({signedIn.email}). L'invitation est valable jusqu'au {formatDate(invitation.expiresAt)}
            .
          </p>
          <Form method="post">
            <input type="hidden" name="jeton" value={jeton} />
            <SubmitButton>Rejoindre la structure</SubmitButton>
          </Form>
        </>
      ) : (
        <>
          <p>Pour accepter, connectez-vous avec l'adresse électronique à laquelle vous avez reçu l'invitation.</p>
          <p>
            <Link className="fr-btn" to={`/connexion?redirectTo=${encodeURIComponent(here)}`}>
              Se connecter
            </Link>
          </p>
          <p>
            Pas encore de compte ? <Link to="/inscription">Créez-le</Link> avec cette adresse, confirmez-la, puis ouvrez à nouveau le lien du courriel
            d'invitation.
          </p>
        </>
      )}
    </NarrowPage>
  );
}
