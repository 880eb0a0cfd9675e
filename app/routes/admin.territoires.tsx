import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { formatDate } from "~/infra/paris-time";
import { importTerritorialList, listTerritorialLists } from "~/territories/lists.server";
import { listImportLabels, listImportSchema } from "~/territories/schemas";
import { territorySummary } from "~/territories/territories.server";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [{ title: pageTitle("Territoires", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const [summary, lists] = await Promise.all([territorySummary(), listTerritorialLists()]);
  return { summary, lists };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const input = await form.parse(listImportSchema);
  const file = await form.file("file");
  const imported = await importTerritorialList({
    name: input.name,
    source: input.source,
    validFrom: input.validFrom,
    isSample: input.sample,
    fileText: file ? await file.text() : "",
    actorId: user.id,
    now: now(),
  });
  return redirectWithNotice("/admin/territoires", "importee", { liste: imported.name, version: imported.version, communes: imported.communeCount });
});

export default function Territories() {
  const { summary, lists } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer && "errors" in answer ? answer.errors : undefined;
  const values = answer && "values" in answer ? answer.values : {};
  return (
    <>
      <h1>Territoires</h1>
      <SuccessNotice
        notices={{
          importee: (figures) =>
            `La liste « ${figures.get("liste")} » est importée (version ${figures.get("version")}, ${plural(Number(figures.get("communes")), "commune")}).`,
        }}
      />
      {summary ? (
        <p>
          Découpage administratif au 1<sup>er</sup> janvier {summary.geographyYear} et populations municipales légales {summary.populationYear}{" "}
          (INSEE), d'après le paquet Etalab « découpage administratif » {summary.version} : {plural(summary.departements, "département")},{" "}
          {plural(summary.communes, "commune")}, {plural(summary.epcis, "intercommunalité")}.
        </p>
      ) : null}

      <h2>Listes territoriales</h2>
      {lists.length === 0 ? (
        <p>Aucune liste importée pour l'instant.</p>
      ) : (
        <DataTable
          caption="Listes territoriales dans leur version en vigueur"
          hideCaption
          headers={["Liste", "Version", "Communes", "En vigueur depuis le", "Source", "Importée le"]}
          rowHeaders
          rows={lists.map((list) => ({
            key: list.id,
            cells: [
              <>
                {list.name}
                {list.isSample ? (
                  <>
                    {" "}
                    <span className="fr-badge fr-badge--sm fr-badge--warning">Échantillon, pas une donnée officielle</span>
                  </>
                ) : null}
              </>,
              list.version,
              list.communeCount,
              formatDate(`${list.validFrom}T12:00:00Z`),
              list.source,
              formatDate(list.importedAt),
            ],
          }))}
        />
      )}

      <h2 className="fr-mt-6w">Importer une liste</h2>
      <p>
        Un fichier CSV (UTF-8, séparateur point-virgule ou virgule) dont la première ligne nomme la colonne des codes INSEE des communes (« code_insee
        » ou « CODGEO »), une commune par ligne. Le fichier est vérifié en entier avant tout enregistrement ; une liste du même nom est remplacée en
        entier, ses versions précédentes restent consultables.
      </p>
      <ErrorSummary errors={errors} labels={listImportLabels} />
      {answer && "details" in answer && answer.details.length > 0 ? (
        <div className="fr-mb-3w">
          <h3 className="fr-h6">Problèmes trouvés dans le fichier</h3>
          <ul>
            {answer.details.map((detail, index) => (
              <li key={index}>{detail}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <p className="fr-hint-text">Tous les champs sont obligatoires, sauf mention contraire.</p>
        <Field label={listImportLabels.name} name="name" required maxLength={120} defaultValue={values.name} error={errors?.name} />
        <Field label={listImportLabels.source} name="source" required maxLength={300} defaultValue={values.source} error={errors?.source} />
        <Field label={listImportLabels.validFrom} name="validFrom" type="date" required defaultValue={values.validFrom} error={errors?.validFrom} />
        <div className={`fr-upload-group fr-mb-3w${errors?.file ? " fr-upload-group--error" : ""}`}>
          <label className="fr-label" htmlFor="champ-file">
            {listImportLabels.file}
            <span className="fr-hint-text">Format CSV, 40 000 lignes au plus.</span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id="champ-file"
            name="file"
            accept=".csv,text/csv"
            required
            aria-invalid={errors?.file ? true : undefined}
            aria-describedby={errors?.file ? "champ-file-message" : undefined}
          />
          {errors?.file ? (
            <p className="fr-error-text" id="champ-file-message">
              {errors.file}
            </p>
          ) : null}
        </div>
        <div className="fr-checkbox-group fr-mb-3w">
          <input type="checkbox" id="champ-sample" name="sample" value="oui" defaultChecked={values.sample === "oui"} />
          <label className="fr-label" htmlFor="champ-sample">
            Échantillon (facultatif) : la liste sera signalée partout comme n'étant pas une donnée officielle
          </label>
        </div>
        <SubmitButton>Importer la liste</SubmitButton>
      </Form>
    </>
  );
}
