// SIRET: 14 digits (SIREN + NIC) with a Luhn key. La Poste's establishments share one SIREN
// (356000000), so their NICs cannot all keep the key: INSEE accepts them when the sum of the
// 14 digits is a multiple of 5 (the head office, 356 000 000 00048, also passes Luhn).

const LA_POSTE_SIREN = "356000000";

/** Digits only: people type spaces ("123 456 789 00012") and sometimes dots or dashes. */
export function normaliseSiret(input: string): string {
  return input.replace(/[\s.\-\u00a0\u202f]/g, "");
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

export type SiretCheck = { ok: true; siret: string } | { ok: false; message: string };

export function checkSiret(input: string): SiretCheck {
  const siret = normaliseSiret(input);
  if (!/^\d{14}$/.test(siret)) return { ok: false, message: "Le SIRET comporte 14 chiffres, par exemple 130 025 265 00013." };
  if (luhnValid(siret)) return { ok: true, siret };
  if (siret.startsWith(LA_POSTE_SIREN) && [...siret].reduce((total, digit) => total + Number(digit), 0) % 5 === 0) {
    return { ok: true, siret };
  }
  return { ok: false, message: "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas. Vérifiez les chiffres saisis." };
}

/** "130 025 265 00013": SIREN in groups of three, then the NIC. */
export function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}
