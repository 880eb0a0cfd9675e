import { Form } from "@remix-run/react";
import { scopeKindLabels, scopeKinds } from "~/accounts/admin-schemas";
import { roleLabels, roles } from "~/accounts/roles";
import type { FieldErrors } from "~/infra/domain-errors";
import { DataTable } from "~/ui/data-table";
import { Select } from "~/ui/fields";
import { Field } from "~/ui/form";
import type { UserPageData } from "./route";

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));
const scopeKindOptions = scopeKinds.map((kind) => ({ value: kind, label: scopeKindLabels[kind] }));

/** The person's roles, each with a way to revoke it, and the form that grants one more. */
export function RolesSection({
  userName,
  memberships,
  self,
  formAction,
  busy,
  errors,
  values,
}: {
  userName: string;
  memberships: UserPageData["memberships"];
  self: boolean;
  formAction: string;
  busy: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  return (
    <>
      <h2 className="fr-mt-5w">Rôles</h2>
      {memberships.length ? (
        <DataTable
          caption={`Rôles de ${userName}`}
          hideCaption
          headers={["Rôle", "Portée", "Attribué le", "Par", "Action"]}
          rows={memberships.map((m) => ({
            key: m.id,
            cells: [
              m.role,
              m.scope,
              m.grantedAt,
              m.grantedBy ?? "—",
              self && m.isAdmin ? (
                <span className="fr-text--sm">Votre propre rôle de gestionnaire ne peut être retiré que par un autre gestionnaire.</span>
              ) : (
                <Form method="post" action={formAction}>
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="membershipId" value={m.id} />
                  <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" disabled={busy}>
                    Retirer
                    <span className="fr-sr-only">
                      {" "}
                      le rôle {m.role} ({m.scope})
                    </span>
                  </button>
                </Form>
              ),
            ],
          }))}
        />
      ) : (
        <p>Cette personne n'a aucun rôle.</p>
      )}

      <h2 className="fr-mt-5w">Attribuer un rôle</h2>
      {/* Keyed by the memberships so that the form empties once a role is granted. */}
      <Form method="post" action={formAction} noValidate key={memberships.map((m) => m.id).join("-")}>
        <input type="hidden" name="intent" value="grant" />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-sr-only">Nouveau rôle</legend>
          <div className="fr-fieldset__element">
            <Select
              label="Rôle"
              name="role"
              options={roleOptions}
              placeholder="Choisir un rôle"
              error={errors.role}
              defaultValue={values.role ?? ""}
            />
          </div>
          <div className="fr-fieldset__element">
            <Select
              label="Portée"
              name="scopeKind"
              options={scopeKindOptions}
              hint="Un rôle national vaut partout ; sinon il ne vaut que pour un concours, une structure, un fabricant ou un département (instructeur)."
              error={errors.scopeKind}
              defaultValue={values.scopeKind ?? "national"}
            />
          </div>
          <div className="fr-fieldset__element">
            <Field
              label="Numéro du concours, de la structure ou du fabricant, ou code du département"
              name="scopeId"
              hint="À laisser vide pour une portée nationale. Un département s'indique par son code : 35, 2A, 974."
              error={errors.scopeId}
              defaultValue={values.scopeId ?? ""}
            />
          </div>
        </fieldset>
        <button className="fr-btn" type="submit" disabled={busy}>
          Attribuer le rôle
        </button>
      </Form>
    </>
  );
}
