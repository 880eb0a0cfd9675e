import { describe, expect, test } from "vitest";
import { resultMail, type ResultMailInput } from "~/jury/result-mail";

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
  test("a laureate reads the decision, the motivation, the confirmed figures, the mean scores and the jurors' comments", () => {
    const mail = resultMail(base);
    expect(mail.to).toBe("ines@example.fr");
    expect(mail.subject).toBe("Résultats du concours : « La malle des démarches » est lauréate");
    expect(mail.text).toContain("Bonjour Inès Moreau,");
    expect(mail.text).toContain("elle est lauréate");
    expect(mail.text).toContain("Motivation du jury :\nUn kit complet et accessible.");
    expect(mail.text).toMatch(/Prix unitaire final retenu : 179,90\s€/);
    expect(mail.text).toMatch(/Capacité de production mensuelle confirmée : 1\s500 kits par mois/);
    expect(mail.text).toContain("Notes moyennes de votre proposition (sur 5, 2 évaluations) :\n- Usage : 4,50\n- Conception : —\n- Note globale pondérée : 4,25");
    expect(mail.text).toContain("Commentaires des membres du jury :\n« Très convaincant. »");
    expect(mail.text).toContain("https://kits.example.gouv.fr/laureats");
  });

  test("an entry not retained: no price; without reviews, no scores section", () => {
    const mail = resultMail({ ...base, outcome: "not_retained", finalUnitPriceCents: null, finalMonthlyCapacity: null, reviewCount: 0, commentsForCandidate: [] });
    expect(mail.subject).toBe("Résultats du concours : « La malle des démarches » n'est pas retenue");
    expect(mail.text).toContain("n'a pas retenu votre proposition « La malle des démarches »");
    expect(mail.text).not.toContain("Prix unitaire");
    expect(mail.text).not.toContain("Notes moyennes");
    expect(mail.text).not.toContain("Commentaires");
  });
});
