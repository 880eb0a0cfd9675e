import { describe, expect, test } from "vitest";
import { isCommonPassword, passwordProblem, PASSWORD_MIN_LENGTH } from "~/accounts/password-policy";
import { signupSchema, passwordResetSchema } from "~/accounts/schemas";

describe("password policy", () => {
  test("a password shorter than 12 characters is refused with a French message", () => {
    expect(passwordProblem("courtcourt1")).toBe("Le mot de passe doit contenir au moins 12 caractères.");
    expect(PASSWORD_MIN_LENGTH).toBe(12);
  });

  test("12 characters that are not a common password are accepted", () => {
    expect(passwordProblem("velo-rouge-42")).toBeNull();
    expect(passwordProblem("cheval correct pile agrafe")).toBeNull();
  });

  test("length counts characters, not UTF-16 units", () => {
    // 11 emoji are 22 UTF-16 units but still 11 characters.
    expect(passwordProblem("🔑".repeat(11))).toMatch(/au moins 12 caractères/);
    expect(passwordProblem("🔑".repeat(12))).toBeNull();
  });

  test("the most common passwords are refused, whatever their case", () => {
    for (const common of ["qwerty123456", "QWERTY123456", "1q2w3e4r5t6y", "LeaveMeAlone", "123456789qwe"]) {
      expect(isCommonPassword(common)).toBe(true);
      expect(passwordProblem(common)).toMatch(/fait partie des plus courants/);
    }
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("velo-rouge-42")).toBe(false);
  });

  test("an absurdly long password is refused before it reaches argon2", () => {
    expect(passwordProblem("a".repeat(257))).toMatch(/au plus 256 caractères/);
  });
});

describe("sign-up form schema", () => {
  test("gives one French message per field and normalises the e-mail", () => {
    const bad = signupSchema.safeParse({ name: "  ", email: "pas-une-adresse", password: "qwerty123456" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      name: "Indiquez votre nom et votre prénom.",
      email: "Indiquez une adresse électronique valide, par exemple nom@exemple.fr.",
      password: expect.stringMatching(/fait partie des plus courants/),
    });

    const good = signupSchema.parse({ name: " Léa Martin ", email: " Lea.Martin@Exemple.FR ", password: "velo-rouge-42" });
    expect(good).toEqual({ name: "Léa Martin", email: "lea.martin@exemple.fr", password: "velo-rouge-42" });
  });

  test("a missing field is named in French, not as a type error", () => {
    const result = signupSchema.safeParse({});
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      "Indiquez votre nom et votre prénom.",
      "Indiquez votre adresse électronique.",
      "Choisissez un mot de passe.",
    ]);
  });

  test("a reset applies the same policy and needs a well-formed token", () => {
    const result = passwordResetSchema.safeParse({ jeton: "abc", password: "short" });
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(["jeton", "password"]);
  });
});
