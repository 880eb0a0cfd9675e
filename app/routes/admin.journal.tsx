import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { auditFilterSchema } from "~/accounts/admin-schemas";
import { requireUser } from "~/accounts/permissions.server";
import { listAuditPage } from "~/audit/audit.server";
import { MAIN_CHAIN } from "~/audit/chain";
import { auditActionLabel, auditDataLines } from "~/audit/labels";
import { fullCheckRequestSchema } from "~/audit/schemas";
import { journalVerification, requestFullCheck } from "~/audit/verification.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { formatDateTime } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary, Notice, SubmitButton } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { SearchBar } from "~/ui/search-bar";

export const meta: MetaFunction = () => [{ title: pageTitle("Journal d'audit", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const { sujet, page } = readQuery(request, auditFilterSchema);
  const [entries, verification] = await Promise.all([listAuditPage({ subject: sujet, page }), journalVerification({ now: now() })]);
  return {
    sujet,
    verification: {
      ...verification,
      checkedAt: verification.checkedAt && formatDateTime(verification.checkedAt),
      fullCheckedAt: verification.fullCheckedAt && formatDateTime(verification.fullCheckedAt),
      breaks: verification.breaks.map((found) => ({ ...found, chain: chainName(found.chain), checkedAt: formatDateTime(found.checkedAt) })),
    },
    ...entries,
    items: entries.items.map((entry) => ({
      // Ids count within a chain: a département's entries are named by their chain too.
      key: `${entry.chain}:${entry.id}`,
      number: entry.chain === MAIN_CHAIN ? String(entry.id) : `${entry.id} (${entry.chain.replace(":", " ")})`,
      at: formatDateTime(entry.at),
      actorId: entry.actorId,
      actorEmail: entry.actorEmail,
      action: entry.action,
      actionLabel: auditActionLabel(entry.action),
      subject: entry.subject,
      userId: /^user:(\d+)$/.exec(entry.subject ?? "")?.[1] ?? null,
      data: auditDataLines(entry.data),
    })),
  };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  await form.parse(fullCheckRequestSchema);
  await requestFullCheck({ actorId: user.id });
  return redirectWithNotice("/admin/journal", "verification-demandee");
});

const chainName = (chain: string) => (chain === MAIN_CHAIN ? "chaîne principale" : `chaîne du département ${chain.replace(/^departement:/, "")}`);

export default function AuditJournal() {
  const { sujet, verification, items, total, page, pageCount } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>Journal d'audit</h1>
      <p>
        Chaque changement de rôle, de compte et chaque connexion y est inscrit. Les entrées sont chaînées : chacune porte l'empreinte de la
        précédente, si bien qu'une entrée modifiée ou supprimée est détectée.
      </p>
      <ErrorSummary errors={answer?.errors} labels={{ intent: "Vérifier maintenant" }} />
      <SuccessNotice
        title="Vérification demandée"
        notices={{
          "verification-demandee":
            "La vérification complète du journal est en file d'attente : son résultat s'affichera sur cette page dans quelques minutes.",
        }}
      />
      <Verification verification={verification} />
      <SearchBar
        id="filtre-sujet"
        name="sujet"
        label="Filtrer par sujet (par exemple user:12)"
        placeholder="Sujet, par exemple user:12"
        defaultValue={sujet}
        button="Filtrer"
      />
      <p role="status">
        {total === 0
          ? sujet
            ? `Aucune entrée au sujet de « ${sujet} ».`
            : "Le journal est vide."
          : `${plural(total, "entrée")}${sujet ? ` au sujet de « ${sujet} »` : ""}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}
        {sujet ? (
          <>
            {" "}
            <Link to="/admin/journal">Voir tout le journal</Link>
          </>
        ) : null}
      </p>
      {items.length > 0 ? (
        <DataTable
          caption="Entrées du journal, de la plus récente à la plus ancienne"
          headers={["N°", "Date", "Auteur", "Action", "Sujet", "Détails"]}
          rows={items.map((entry) => ({ key: entry.key, cells: entryCells(entry) }))}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Pages du journal" />
    </>
  );
}

type Shown = ReturnType<typeof useLoaderData<typeof loader>>["verification"];

/** The stored verdict of the worker's last checks, and the button that asks for a full one. */
function Verification({ verification }: { verification: Shown }) {
  const { breaks, checkedAt, fullCheckedAt, verified, pending, stale } = verification;
  return (
    <section aria-labelledby="verification-titre" className="fr-mb-4w">
      <h2 id="verification-titre" className="fr-h4">
        Vérification de l'intégrité
      </h2>
      {breaks.length > 0 ? (
        <Notice kind="error" title="Journal altéré">
          <ul>
            {breaks.map((found) => (
              <li key={found.chain}>{`${found.chain}, entrée n° ${found.entryId} : ${found.reason} (constaté le ${found.checkedAt}).`}</li>
            ))}
          </ul>
          <p>
            Les entrées suivantes de {breaks.length > 1 ? "ces chaînes" : "cette chaîne"} ne peuvent plus être tenues pour sûres. Signalez-le au
            responsable de la sécurité.
          </p>
        </Notice>
      ) : checkedAt ? (
        <Notice kind="success" title="Journal intègre">
          <p>
            {`Journal vérifié le ${checkedAt} : ${plural(verified, "entrée intègre", "entrées intègres")}.`}
            {pending > 0
              ? ` ${plural(pending, "entrée plus récente", "entrées plus récentes")} ${pending > 1 ? "seront vérifiées" : "sera vérifiée"} au prochain passage.`
              : ""}
          </p>
        </Notice>
      ) : (
        <Notice kind="warning" title="Journal pas encore vérifié">
          <p>
            Le journal n'a pas encore été vérifié en entier. La vérification passe toutes les 5 minutes ; vous pouvez aussi la demander maintenant.
          </p>
        </Notice>
      )}
      {checkedAt && stale ? (
        <Notice kind="warning" title="Vérification en retard">
          <p>La dernière vérification date du {checkedAt} : la vérification régulière ne passe plus. Signalez-le à l'exploitation.</p>
        </Notice>
      ) : null}
      <p>
        La vérification régulière contrôle les entrées ajoutées depuis la précédente. La vérification complète reprend chaque chaîne depuis sa
        première entrée : elle seule décèle une entrée ancienne modifiée après coup. Elle passe chaque nuit ;{" "}
        {fullCheckedAt ? `la dernière date du ${fullCheckedAt}.` : "elle n'a encore jamais eu lieu."}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="verifier" />
        <SubmitButton secondary>Vérifier maintenant</SubmitButton>
      </Form>
    </section>
  );
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function entryCells(entry: Entry) {
  return [
    entry.number,
    entry.at,
    entry.actorId ? <Link to={`/admin/utilisateurs/${entry.actorId}`}>{entry.actorEmail ?? `user:${entry.actorId}`}</Link> : "Système",
    <>
      {entry.actionLabel}
      {entry.actionLabel !== entry.action ? (
        <>
          <br />
          <code className="fr-text--xs">{entry.action}</code>
        </>
      ) : null}
    </>,
    entry.subject ? (
      <>
        <Link to={`/admin/journal?sujet=${encodeURIComponent(entry.subject)}`}>{entry.subject}</Link>
        {entry.userId ? (
          <>
            <br />
            <Link className="fr-text--xs" to={`/admin/utilisateurs/${entry.userId}`}>
              fiche<span className="fr-sr-only"> de {entry.subject}</span>
            </Link>
          </>
        ) : null}
      </>
    ) : (
      "—"
    ),
    entry.data.length ? (
      <span className="fr-text--xs" style={{ overflowWrap: "anywhere" }}>
        {entry.data.map((line, i) => (
          <span key={i} style={{ display: "block" }}>
            {line}
          </span>
        ))}
      </span>
    ) : (
      "—"
    ),
  ];
}
