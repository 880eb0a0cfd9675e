// Served when the database is down: a static page that needs nothing but the DSFR stylesheet.
export const unavailablePage = `<!doctype html>
<html lang="fr" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service momentanément indisponible — Kits d'inclusion numérique</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
</head>
<body>
<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row"><div class="fr-header__brand"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div><div class="fr-header__service"><a href="/" title="Accueil — Kits d'inclusion numérique"><p class="fr-header__service-title">Kits d'inclusion numérique</p></a></div></div></div></div></div></header>
<main role="main" id="contenu" class="fr-container fr-my-7w">
<h1>Service momentanément indisponible</h1>
<p class="fr-text--lead">Le portail ne parvient pas à joindre sa base de données. Vos données sont conservées.</p>
<p>Réessayez dans quelques instants. Si vous étiez en train de remplir un formulaire, revenez en arrière : ce que vous aviez saisi est encore dans votre navigateur.</p>
<p><a class="fr-btn" href="">Réessayer</a></p>
</main>
</body>
</html>`;
