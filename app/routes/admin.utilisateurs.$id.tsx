import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { scopeKindLabels, scopeKinds, userChangeSchema, type UserChange } from "~/accounts/admin-schemas";
import { recordId } from "~/http/params";
import { changeUser, getUserAdminView, RefusedChange } from "~/accounts/admin.server";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { describeScope, roleLabels, roles } from "~/accounts/roles";
import { parseForm, readFormData } from "~/infra/forms";
import { formatDate, formatDateTime } from "~/infra/paris-time";
import { Notice } from "~/ui/form";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.name ?? "Utilisateur"} — Administration — Kits d'inclusion numérique` },
];

function userIdOf(param: string | undefined): number {
  const parsed = recordId.safeParse(param);
  if (!parsed.success) notFound("Cette personne n'existe pas.");
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const user = await getUserAdminView(userIdOf(params.id));
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
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; refused?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const userId = userIdOf(params.id);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const form = parseForm(formData, userChangeSchema);
  if (!form.ok) return data<ActionData>({ intent, errors: form.errors, values: form.values }, { status: 400 });
  try {
    const done = await changeUser({ actorId: admin.id, userId, change: form.data });
    return redirect(`/admin/utilisateurs/${userId}?fait=${done}`);
  } catch (error) {
    if (!(error instanceof RefusedChange)) throw error;
    const values = Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
    return data<ActionData>({ intent, errors: {}, values, refused: error.message }, { status: 409 });
  }
}

const doneMessages: Record<UserChange["intent"], string> = {
  grant: "Le rôle a été attribué.",
  revoke: "Le rôle a été retiré.",
  disable: "Le compte est désactivé : ses sessions en cours ont pris fin.",
  enable: "Le compte est réactivé : la personne peut de nouveau se connecter.",
};

export default function UserPage() {
  const { user, memberships, self } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const done = searchParams.get("fait") as UserChange["intent"] | null;
  const grantErrors = actionData?.intent === "grant" ? actionData.errors : {};
  const grantValues = actionData?.intent === "grant" ? actionData.values : {};
  const generalError =
    actionData?.refused ??
    (actionData && actionData.intent !== "grant" ? Object.values(actionData.errors)[0] : undefined) ??
    (actionData?.intent === "grant" && Object.keys(grantErrors).length ? "Le rôle n'a pas été attribué : corrigez le formulaire ci-dessous." : undefined);
  const formAction = `/admin/utilisateurs/${user.id}`;

  return (
    <>
      <h1>{user.name}</h1>
      <p className="fr-text--lead">{user.email}</p>
      {generalError ? (
        <Notice kind="error" title="Modification refusée">
          <p>{generalError}</p>
        </Notice>
      ) : done && doneMessages[done] ? (
        <Notice kind="success" title="Modification enregistrée">
          <p>{doneMessages[done]}</p>
        </Notice>
      ) : null}

      <h2>Compte</h2>
      <ul>
        <li>
          État :{" "}
          {user.disabledAt ? (
            <span className="fr-badge fr-badge--error fr-badge--sm">Désactivé le {user.disabledAt}</span>
          ) : (
            <span className="fr-badge fr-badge--success fr-badge--sm">Actif</span>
          )}
        </li>
        <li>Adresse électronique : {user.emailConfirmed ? "confirmée" : "non confirmée"}</li>
        <li>Double authentification : {user.totpEnabled ? "activée" : "non activée"}</li>
        <li>Sessions ouvertes : {user.liveSessions}</li>
        <li>Compte créé le {user.createdAt}</li>
      </ul>
      <p>
        <Link to={`/admin/journal?sujet=${encodeURIComponent(`user:${user.id}`)}`}>Voir l'historique de ce compte dans le journal d'audit</Link>
      </p>

      <h2 className="fr-mt-5w">Rôles</h2>
      {memberships.length ? (
        <div className="fr-table fr-table--multiline fr-table--no-caption">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Rôles de {user.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Rôle</th>
                      <th scope="col">Portée</th>
                      <th scope="col">Attribué le</th>
                      <th scope="col">Par</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {memberships.map((m) => (
                      <tr key={m.id}>
                        <td>{m.role}</td>
                        <td>{m.scope}</td>
                        <td>{m.grantedAt}</td>
                        <td>{m.grantedBy ?? "—"}</td>
                        <td>
                          {self && m.isAdmin ? (
                            <span className="fr-text--sm">Votre propre rôle de gestionnaire ne peut être retiré que par un autre gestionnaire.</span>
                          ) : (
                            <Form method="post" action={formAction}>
                              <input type="hidden" name="intent" value="revoke" />
                              <input type="hidden" name="membershipId" value={m.id} />
                              <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" disabled={busy}>
                                Retirer<span className="fr-sr-only"> le rôle {m.role} ({m.scope})</span>
                              </button>
                            </Form>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
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
            <Select label="Rôle" name="role" error={grantErrors.role} defaultValue={grantValues.role ?? ""} placeholder="Choisir un rôle">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-fieldset__element">
            <Select
              label="Portée"
              name="scopeKind"
              hint="Un rôle national vaut partout ; sinon il ne vaut que pour un concours, une structure ou un fabricant."
              error={grantErrors.scopeKind}
              defaultValue={grantValues.scopeKind ?? "national"}
            >
              {scopeKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {scopeKindLabels[kind]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-fieldset__element">
            <div className={`fr-input-group${grantErrors.scopeId ? " fr-input-group--error" : ""}`}>
              <label className="fr-label" htmlFor="champ-scopeId">
                Numéro du concours, de la structure ou du fabricant
                <span className="fr-hint-text">À laisser vide pour une portée nationale.</span>
              </label>
              <input
                className={`fr-input${grantErrors.scopeId ? " fr-input--error" : ""}`}
                id="champ-scopeId"
                name="scopeId"
                inputMode="numeric"
                defaultValue={grantValues.scopeId ?? ""}
                aria-invalid={grantErrors.scopeId ? true : undefined}
                aria-describedby={grantErrors.scopeId ? "champ-scopeId-message" : undefined}
              />
              {grantErrors.scopeId ? (
                <p className="fr-error-text" id="champ-scopeId-message">
                  {grantErrors.scopeId}
                </p>
              ) : null}
            </div>
          </div>
        </fieldset>
        <button className="fr-btn" type="submit" disabled={busy}>
          Attribuer le rôle
        </button>
      </Form>

      <h2 className="fr-mt-5w">Accès au portail</h2>
      {self ? (
        <p>Vous ne pouvez pas désactiver votre propre compte : un autre gestionnaire doit le faire.</p>
      ) : user.disabledAt ? (
        <Form method="post" action={formAction}>
          <input type="hidden" name="intent" value="enable" />
          <p>Ce compte est désactivé : la personne ne peut plus se connecter.</p>
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Réactiver le compte
          </button>
        </Form>
      ) : (
        <Form method="post" action={formAction}>
          <input type="hidden" name="intent" value="disable" />
          <p>Désactiver le compte met fin immédiatement à ses sessions ; la personne ne peut plus se connecter jusqu'à sa réactivation.</p>
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Désactiver le compte
          </button>
        </Form>
      )}
    </>
  );
}

function Select({
  label,
  name,
  hint,
  error,
  defaultValue,
  placeholder,
  children,
}: {
  label: string;
  name: string;
  hint?: string;
  error?: string;
  defaultValue: string;
  placeholder?: string;
  children: ReactNode;
}) {
  const id = `champ-${name}`;
  return (
    <div className={`fr-select-group${error ? " fr-select-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      <select
        className={`fr-select${error ? " fr-select--error" : ""}`}
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-message` : undefined}
      >
        {placeholder ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {children}
      </select>
      {error ? (
        <p className="fr-error-text" id={`${id}-message`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
