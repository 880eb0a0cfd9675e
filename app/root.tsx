import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getCurrentUser } from "~/accounts/permissions.server";
import { roleLabels, roleSpaces } from "~/accounts/roles";
import { Footer, Header, SkipLinks, type HeaderUser } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";
import { useNonce } from "~/ui/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/dsfr/dsfr.min.css" },
  { rel: "stylesheet", href: "/dsfr/utility/utility.min.css" },
  { rel: "stylesheet", href: "/app.css" },
  { rel: "icon", href: "/dsfr/favicon/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/dsfr/favicon/apple-touch-icon.png" },
];

// An error page's title names the error, as its h1 does (RGAA 8.6).
export const meta: MetaFunction = ({ error }) => [{ title: error === undefined ? pageTitle() : pageTitle(errorPage(error).title) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  const roles = user ? [...new Set(user.memberships.map((m) => m.role))] : [];
  const headerUser: HeaderUser = user ? { name: user.name, spaces: roles.map((role) => ({ to: roleSpaces[role], label: roleLabels[role] })) } : null;
  return { user: headerUser };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="fr" data-fr-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        <Links />
      </head>
      <body>
        <SkipLinks />
        <Header user={data?.user ?? null} />
        <main role="main" id="contenu" tabIndex={-1}>
          {children}
        </main>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <script type="module" src="/dsfr/dsfr.module.min.js" nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// Production error pages say what happened in French and never show a stack trace.
const errorMessages: Record<number, [title: string, text: string]> = {
  400: ["Requête invalide", "La demande envoyée au portail est incomplète ou mal formée : rien n'a été enregistré."],
  403: ["Accès refusé", "Votre compte ne vous donne pas accès à cette page."],
  404: ["Page introuvable", "La page que vous cherchez n'existe pas ou a été déplacée."],
  429: ["Trop de tentatives", "Patientez quelques minutes avant de réessayer."],
  503: ["Service momentanément indisponible", "Réessayez dans quelques instants : vos données sont conservées."],
};

function errorPage(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, generic] = errorMessages[status] ?? ["Une erreur est survenue", "Le problème a été enregistré. Réessayez dans quelques instants."];
  // The French message a 4xx was thrown with says more than the generic one.
  const told = isRouteErrorResponse(error) && status < 500 && typeof error.data === "string" && error.data.trim() ? error.data : null;
  return { status, title, text: told ?? generic };
}

export function ErrorBoundary() {
  const { status, title, text } = errorPage(useRouteError());
  return (
    <div className="fr-container fr-my-7w">
      <h1>{title}</h1>
      <p className="fr-text--lead">{text}</p>
      <p className="fr-text--sm">Code d'erreur : {status}</p>
      <a className="fr-btn" href="/">
        Retour à l'accueil
      </a>
    </div>
  );
}
