import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { logOut } from "~/accounts/login.server";
import { getSessionUser } from "~/accounts/permissions.server";
import { clearedSessionCookie, readSessionToken } from "~/accounts/session-cookie.server";
import { Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";

export const meta: MetaFunction = () => [{ title: "Se déconnecter — Kits d'inclusion numérique" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { signedIn: user !== null };
}

export async function action({ request }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  if (token) await logOut(token);
  throw redirect("/deconnexion", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export default function LogOut() {
  const { signedIn } = useLoaderData<typeof loader>();
  if (!signedIn) {
    return (
      <NarrowPage title="Vous êtes déconnecté">
        <Notice kind="success" title="Session fermée">
          <p>Votre session est fermée sur cet appareil.</p>
        </Notice>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Link className="fr-btn" to="/connexion">
              Se connecter
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to="/">
              Retour à l'accueil
            </Link>
          </li>
        </ul>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage title="Se déconnecter" lead="Fermez votre session, surtout sur un ordinateur partagé.">
      <Form method="post">
        <SubmitButton>Se déconnecter</SubmitButton>
      </Form>
    </NarrowPage>
  );
}
