import { describe, expect, test } from "vitest";
import { resultMail, type ResultMailInput } from "~/results/result-mail";

const base: ResultMailInput = {
  to: { email: "ines@example.fr", name: "Inès Moreau" },
  contestTitle: "Concours 2026",
  kitTitle: "La malle des démarches",
  outcome: "laureate",
  motivation: "Un kit complet et accessible.",
  finalUnitPriceCents: 17_990,
  finalMonthlyCapacity: 1500,
  criteria: [
    { id: "1", label: "Usage", weight: 2 },
    { id: "2", label: "Conception", weight: 1 },
  ],
  criterionMeans: { "1": 4.5, "2": null },
  overall: 4.25,
  reviewCount: 2,
  commentsForCandidate: ["Très convaincant."],
  resultsUrl: "https://kits.example.gouv.fr/laureats",
  spaceUrl: "https://kits.example.gouv.fr/candidat",
};

describe("the results e-mail", () => {
  test.each(["Le coffret « Mes papiers en ligne »", "La malle des démarches", "Kit « Visio en famille »", "Jeu de plateau « Vrai ou faux ? »"])(
    "its subject reads well whatever the title: %s",
    (kitTitle) => {
      for (const outcome of ["laureate", "not_retained"] as const) {
        const { subject } = resultMail({ ...base, kitTitle, outcome });
        // No guillemets around the title, so none nested; the agreement is with « votre proposition », not with the title.
        expect(subject.replace(kitTitle, "")).not.toMatch(/[«»]/);
        expect(subject).toMatch(/^Résultats du concours : votre proposition (est lauréate|n'est pas retenue) — /);
        expect(subject.endsWith(kitTitle)).toBe(true);
      }
    },
  );

  test("a laureate reads the decision, the motivation, the confirmed figures, the mean scores and the jurors' comments", () => {
    const mail = resultMail(base);
    expect(mail.to).toBe("ines@example.fr");
    expect(mail.subject).toBe("Résultats du concours : votre proposition est lauréate — La malle des démarches");
    expect(mail.text).toContain("Bonjour Inès Moreau,");
    expect(mail.text).toContain(
      "Le jury a retenu votre proposition : elle est lauréate. Félicitations !\n\nConcours : Concours 2026\nProposition : La malle des démarches",
    );
    expect(mail.text).toContain("Motivation du jury :\nUn kit complet et accessible.");
    expect(mail.text).toMatch(/Prix unitaire final retenu : 179,90\s€/);
    expect(mail.text).toMatch(/Capacité de production mensuelle confirmée : 1\s500 kits par mois/);
    expect(mail.text).toContain(
      "Notes moyennes de votre proposition (sur 5, 2 évaluations) :\n- Usage : 4,50\n- Conception : —\n- Note globale pondérée : 4,25",
    );
    expect(mail.text).toContain("Commentaires des membres du jury :\n« Très convaincant. »");
    expect(mail.text).toContain("https://kits.example.gouv.fr/laureats");
  });

  test("an entry not retained: no price; without reviews, no scores section", () => {
    const mail = resultMail({
      ...base,
      outcome: "not_retained",
      finalUnitPriceCents: null,
      finalMonthlyCapacity: null,
      reviewCount: 0,
      commentsForCandidate: [],
    });
    expect(mail.subject).toBe("Résultats du concours : votre proposition n'est pas retenue — La malle des démarches");
    expect(mail.text).toContain("Le jury n'a pas retenu votre proposition.\n\nConcours : Concours 2026\nProposition : La malle des démarches");
    expect(mail.text).not.toContain("Prix unitaire");
    expect(mail.text).not.toContain("Notes moyennes");
    expect(mail.text).not.toContain("Commentaires");
  });
});
