import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { requireRecordId } from "~/http/params";
import { formatParis } from "~/infra/paris-time";
import { ProposalSummary } from "~/submissions/proposal-summary";
import { findReceiptForOwner } from "~/submissions/proposals.server";
import { BackLink } from "~/ui/back-link";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Récépissé ${data?.receipt.receiptNumber ?? ""}`) }];

// Pure: the browser bundle then drops the server half (esbuild keeps top-level calls otherwise).
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "designer" });
  const { receipt, contestTitle } = await findReceiptForOwner(
    requireRecordId(params.id, "Récépissé introuvable."),
    requireRecordId(params.version, "Récépissé introuvable."),
    user.id,
  );
  return { receipt, contestTitle, candidate: { name: user.name, email: user.email } };
});

/** A printable receipt: what was submitted, when to the second, and the digest that proves it. */
export default function ReceiptPage() {
  const { receipt, contestTitle, candidate } = useLoaderData<typeof loader>();
  const submittedAt = new Date(receipt.submittedAt);
  const seconds = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "full", timeStyle: "medium" }).format(submittedAt);
  return (
    <div className="fr-container fr-my-6w">
      <BackLink to={`/candidat/propositions/${receipt.proposalId}`} className="kits-no-print">
        Retour à la proposition
      </BackLink>
      <h1>Récépissé de dépôt</h1>
      <div className="fr-callout fr-mb-4w">
        <p className="fr-callout__title">N° {receipt.receiptNumber}</p>
        <p className="fr-callout__text">
          La proposition « {receipt.content.fields.title} » (version {receipt.version}) a été déposée au concours « {contestTitle} » le {seconds}{" "}
          (heure de Paris) par {candidate.name} ({candidate.email}).
        </p>
      </div>
      <h2>Empreinte de la version</h2>
      <p>
        Empreinte SHA-256 de la forme canonique de la version (champs et empreintes des fichiers) :{" "}
        <code style={{ wordBreak: "break-all" }}>{receipt.digest}</code>
      </p>
      <p className="fr-text--sm">
        Cette version ne peut plus être modifiée. Toute modification ultérieure donne lieu à une nouvelle version et à un nouveau récépissé.
      </p>
      <h2>Fichiers joints</h2>
      {receipt.content.files.length === 0 ? (
        <p>Aucun fichier.</p>
      ) : (
        <ul>
          {receipt.content.files.map((file) => (
            <li key={file.id}>
              {file.kind === "photo" ? "Photo" : "Document"} « {file.name} » — SHA-256 <code style={{ wordBreak: "break-all" }}>{file.sha256}</code>
              {file.description ? <p className="fr-text--sm fr-mb-0">Description : {file.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <h2>Contenu déposé</h2>
      <ProposalSummary draft={receipt.content.fields} showIdentity />
      <p className="kits-no-print fr-mt-4w">
        Déposée le {formatParis(submittedAt)}. Pour conserver ce récépissé, imprimez cette page ou enregistrez-la en PDF ; il vous a aussi été envoyé
        par courriel.
      </p>
    </div>
  );
}
