import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { requireRecordId } from "~/http/params";
import { NotFound } from "~/infra/domain-errors";
import { formatDateTime } from "~/infra/paris-time";
import { findOutboxMail } from "~/mail/outbox.server";
import { mailStatusBadges, mailStatusLabels } from "~/mail/status";
import { BackLink } from "~/ui/back-link";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.mail.subject ?? "Courriel", "Courriels", "Administration") },
];

const missing = "Ce courriel n'existe pas.";

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const mail = await findOutboxMail(requireRecordId(params.id, missing));
  if (!mail) throw new NotFound(missing);
  return {
    mail: {
      id: mail.id,
      toAddress: mail.toAddress,
      subject: mail.subject,
      textBody: mail.textBody,
      hasHtml: mail.htmlBody !== null,
      status: mail.status,
      attempts: mail.attempts,
      lastError: mail.lastError,
      createdAt: formatDateTime(mail.createdAt),
      sentAt: mail.sentAt ? formatDateTime(mail.sentAt) : null,
    },
  };
});

// Splits on web addresses so that links in the e-mail (confirmation, reset) can be followed from here.
const urlPattern = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;

function TextWithLinks({ text }: { text: string }) {
  return (
    <>
      {text.split(urlPattern).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default function OutboxMailPage() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/admin/courriels" className="fr-mb-2w">
        Retour à la boîte d'envoi
      </BackLink>
      <h1>{mail.subject}</h1>
      <p>
        <span className={`fr-badge fr-badge--${mailStatusBadges[mail.status]}`}>{mailStatusLabels[mail.status]}</span>
      </p>
      <dl>
        <dt className="fr-text--bold">Destinataire</dt>
        <dd>{mail.toAddress}</dd>
        <dt className="fr-text--bold">Créé le</dt>
        <dd>{mail.createdAt}</dd>
        {mail.sentAt ? (
          <>
            <dt className="fr-text--bold">Envoyé le</dt>
            <dd>{mail.sentAt}</dd>
          </>
        ) : null}
        <dt className="fr-text--bold">Tentatives d'envoi</dt>
        <dd>{mail.attempts}</dd>
        {mail.lastError ? (
          <>
            <dt className="fr-text--bold">Dernière erreur</dt>
            <dd>
              <code>{mail.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <h2 className="fr-mt-4w">Message</h2>
      <pre className="fr-p-3w fr-background-alt--grey" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontFamily: "inherit" }}>
        <TextWithLinks text={mail.textBody} />
      </pre>
      {mail.hasHtml ? <p className="fr-text--sm">Ce courriel a aussi une version HTML, non affichée ici ; son texte est celui ci-dessus.</p> : null}
    </>
  );
}
