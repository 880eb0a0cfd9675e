// Pages answered without the app (the database down, a request refused at the boundary): static
// DSFR markup that needs nothing but the stylesheet, so it renders whatever state the app is in.

/** A whole page: a title, and paragraphs given as HTML (callers escape what they insert). */
export function standalonePage(title: string, paragraphs: string[]): string {
  return `<!doctype html>
<html lang="fr" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Kits d'inclusion numérique</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
</head>
<body>
<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row"><div class="fr-header__brand"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div><div class="fr-header__service"><a href="/" title="Accueil — Kits d'inclusion numérique"><p class="fr-header__service-title">Kits d'inclusion numérique</p></a></div></div></div></div></div></header>
<main role="main" id="contenu" class="fr-container fr-my-7w">
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((p, i) => (i === 0 ? `<p class="fr-text--lead">${p}</p>` : `<p>${p}</p>`)).join("\n")}
</main>
</body>
</html>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Served when the database is down.
export const unavailablePage = standalonePage("Service momentanément indisponible", [
  "Le portail ne parvient pas à joindre sa base de données. Vos données sont conservées.",
  "Réessayez dans quelques instants. Si vous étiez en train de remplir un formulaire, revenez en arrière : ce que vous aviez saisi est encore dans votre navigateur.",
  '<a class="fr-btn" href="">Réessayer</a>',
]);
