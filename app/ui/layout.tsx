import { useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useFollowLinksInPage } from "./follow-links";
import { RenderedOnce } from "./rendered-once";

/** The signed-in person as the header shows them: their name and the spaces their roles open. */
export type HeaderUser = { name: string; spaces: { to: string; label: string }[] } | null;

/**
 * The DSFR script opens the mobile menu and marks its button with data-fr-opened, but does not
 * say so to assistive technologies: aria-expanded follows that attribute.
 */
function useMenuButtonState() {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = button.current;
    if (!element) return;
    const mirror = () => element.setAttribute("aria-expanded", element.getAttribute("data-fr-opened") === "true" ? "true" : "false");
    const observer = new MutationObserver(mirror);
    observer.observe(element, { attributes: true, attributeFilter: ["data-fr-opened"] });
    mirror();
    return () => observer.disconnect();
  }, []);
  return button;
}

const publicPages = [
  { to: "/", label: "Accueil" },
  { to: "/concours", label: "Le concours" },
  { to: "/laureats", label: "Les lauréats" },
  { to: "/distribution", label: "La distribution" },
  { to: "/catalogue", label: "Le catalogue" },
  { to: "/donnees", label: "Les données" },
];

/** The entry of the main menu the page at `pathname` belongs to, as a NavLink would mark it. */
export function currentEntry(entries: { to: string }[], pathname: string) {
  const path = pathname.toLowerCase();
  const matching = entries.filter(({ to }) => path === to || (to !== "/" && path.startsWith(`${to}/`)));
  return matching.sort((a, b) => b.to.length - a.to.length)[0]?.to ?? null;
}

export function Header({ user }: { user: HeaderUser }) {
  const entries = [...publicPages, ...(user?.spaces ?? [])];
  const current = currentEntry(entries, useLocation().pathname);
  const followLinks = useFollowLinksInPage();
  return (
    <RenderedOnce as="header" role="banner" className="fr-header" onClick={followLinks} inputs={JSON.stringify([user, current])}>
      <HeaderContent user={user} entries={entries} current={current} />
    </RenderedOnce>
  );
}

function HeaderContent({ user, entries, current }: { user: HeaderUser; entries: { to: string; label: string }[]; current: string | null }) {
  const menuButton = useMenuButtonState();
  return (
    <>
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                <div className="fr-header__logo">
                  <p className="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                <div className="fr-header__navbar">
                  <button
                    ref={menuButton}
                    className="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-expanded="false"
                    aria-controls="menu-principal"
                    aria-haspopup="menu"
                    id="bouton-menu"
                    title="Menu"
                    type="button"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div className="fr-header__service">
                <a href="/" title="Accueil — Kits d'inclusion numérique">
                  <p className="fr-header__service-title">Kits d'inclusion numérique</p>
                </a>
                <p className="fr-header__service-tagline">France Relance — concours d'innovation et distribution</p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">
                <HeaderLinks user={user} />
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
        <div className="fr-container">
          <button className="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer" type="button">
            Fermer
          </button>
          <div className="fr-header__menu-links">
            <HeaderLinks user={user} />
          </div>
          <nav className="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
            <ul className="fr-nav__list">
              {entries.map(({ to, label }) => (
                <li className="fr-nav__item" key={to}>
                  <a className="fr-nav__link" href={to} aria-current={to === current ? "page" : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </>
  );
}

function HeaderLinks({ user }: { user: HeaderUser }) {
  if (!user) {
    return (
      <ul className="fr-btns-group">
        <li>
          <a className="fr-btn fr-icon-lock-line" href="/connexion">
            Se connecter
          </a>
        </li>
        <li>
          <a className="fr-btn fr-icon-account-line" href="/inscription">
            Créer un compte
          </a>
        </li>
      </ul>
    );
  }
  return (
    <ul className="fr-btns-group">
      <li>
        <a className="fr-btn fr-icon-account-circle-line" href="/compte">
          {user.name}
        </a>
      </li>
      <li>
        <form method="post" action="/deconnexion">
          <button className="fr-btn fr-icon-logout-box-r-line" type="submit">
            Se déconnecter
          </button>
        </form>
      </li>
    </ul>
  );
}

export function Footer() {
  const followLinks = useFollowLinksInPage();
  return (
    <RenderedOnce as="footer" className="fr-footer" role="contentinfo" id="pied-de-page" onClick={followLinks} inputs="">
      <FooterContent />
    </RenderedOnce>
  );
}

function FooterContent() {
  return (
    <div className="fr-container">
      <div className="fr-footer__body">
        <div className="fr-footer__brand fr-enlarge-link">
          <a href="/" title="République Française — retour à l'accueil de Kits d'inclusion numérique">
            <p className="fr-logo">
              République
              <br />
              Française
            </p>
          </a>
        </div>
        <div className="fr-footer__content">
          <p className="fr-footer__content-desc">
            Kits d'inclusion numérique : un programme de l'État (plan France Relance) pour aider les personnes éloignées du numérique à en maîtriser
            les usages du quotidien.
          </p>
          <ul className="fr-footer__content-list">
            {[
              ["https://www.legifrance.gouv.fr", "legifrance.gouv.fr"],
              ["https://www.info.gouv.fr", "info.gouv.fr"],
              ["https://www.service-public.fr", "service-public.fr"],
              ["https://www.data.gouv.fr", "data.gouv.fr"],
            ].map(([href, label]) => (
              <li className="fr-footer__content-item" key={href}>
                <a className="fr-footer__content-link" href={href} target="_blank" rel="noopener noreferrer" title={`${label} — nouvelle fenêtre`}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="fr-footer__bottom">
        <ul className="fr-footer__bottom-list">
          {[
            ["/accessibilite", "Accessibilité : partiellement conforme"],
            ["/mentions-legales", "Mentions légales"],
            ["/donnees-personnelles", "Données personnelles"],
            ["/plan-du-site", "Plan du site"],
          ].map(([to, label]) => (
            <li className="fr-footer__bottom-item" key={to}>
              <a className="fr-footer__bottom-link" href={to}>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <div className="fr-footer__bottom-copy">
          <p>
            Sauf mention contraire, les contenus de ce site sont sous{" "}
            <a
              href="https://github.com/etalab/licence-ouverte/blob/master/LO.md"
              target="_blank"
              rel="noopener noreferrer"
              title="licence etalab-2.0 — nouvelle fenêtre"
            >
              licence etalab-2.0
            </a>
          </p>
        </div>
      </div>
    </div>
  );
}

export function SkipLinks() {
  return (
    <div className="fr-skiplinks">
      <nav className="fr-container" role="navigation" aria-label="Accès rapide">
        <ul className="fr-skiplinks__list">
          <li>
            <a className="fr-link" href="#contenu">
              Contenu
            </a>
          </li>
          <li>
            <a className="fr-link" href="#pied-de-page">
              Pied de page
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
}

export function Page({ title, children, lead }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  return (
    <div className="fr-container fr-my-6w">
      <h1>{title}</h1>
      {lead ? <p className="fr-text--lead">{lead}</p> : null}
      {children}
    </div>
  );
}

/** A narrow centred column with the page title, as the DSFR does for its connection pages and short forms. */
export function NarrowPage({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-9 fr-col-lg-7">
          <h1>{title}</h1>
          {lead ? <p className="fr-text--lead">{lead}</p> : null}
          {children}
        </div>
      </div>
    </div>
  );
}
