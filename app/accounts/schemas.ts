import { z } from "zod";
import { passwordProblem } from "./password-policy";

// Form schemas shared by the account pages; every message is the French one shown by the field.

const email = z
  .string({ required_error: "Indiquez votre adresse électronique." })
  .trim()
  .toLowerCase()
  .min(1, "Indiquez votre adresse électronique.")
  .max(254, "L'adresse électronique est trop longue.")
  .email("Indiquez une adresse électronique valide, par exemple nom@exemple.fr.");

const newPassword = z
  .string({ required_error: "Choisissez un mot de passe." })
  .min(1, "Choisissez un mot de passe.")
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const redirectTo = z.string().max(2000).optional();

/** The page asked for after login, carried in the address; anything odd is simply no request. */
export const redirectQuery = z.object({ redirectTo: redirectTo.catch(undefined) });

/** A one-time token from a link in an e-mail (see newToken: 32 bytes, base64url). */
const jeton = z
  .string({ required_error: "Ce lien est incomplet." })
  .regex(/^[A-Za-z0-9_-]{43}$/, "Ce lien est incomplet ou a été modifié : copiez-le en entier depuis le courriel.");

export const signupSchema = z.object({
  name: z
    .string({ required_error: "Indiquez votre nom et votre prénom." })
    .trim()
    .min(1, "Indiquez votre nom et votre prénom.")
    .max(200, "Le nom ne peut dépasser 200 caractères."),
  email,
  password: newPassword,
});
export type SignupInput = z.infer<typeof signupSchema>;

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: "Indiquez votre mot de passe." }).min(1, "Indiquez votre mot de passe.").max(1000, "Mot de passe trop long."),
  redirectTo,
});

export const totpCodeSchema = z.object({
  code: z
    .string({ required_error: "Indiquez le code à 6 chiffres affiché par votre application." })
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Le code est composé de 6 chiffres, par exemple 123456.")),
  redirectTo,
});

export const emailOnlySchema = z.object({ email });

export const passwordResetSchema = z.object({ jeton, password: newPassword });

/** The token of a link from an e-mail, in the address: absent, or null when malformed (the link is then not valid). */
export const tokenQuery = z.object({ jeton: jeton.nullable().optional().catch(null) });

export const passwordChangeSchema = z
  .object({
    currentPassword: z
      .string({ required_error: "Indiquez votre mot de passe actuel." })
      .min(1, "Indiquez votre mot de passe actuel.")
      .max(1000, "Mot de passe trop long."),
    newPassword,
    passwordConfirmation: z.string({ required_error: "Saisissez à nouveau le nouveau mot de passe." }),
  })
  .superRefine((form, ctx) => {
    if (form.passwordConfirmation !== form.newPassword) {
      const message = form.passwordConfirmation
        ? "La confirmation ne correspond pas au nouveau mot de passe."
        : "Saisissez à nouveau le nouveau mot de passe.";
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["passwordConfirmation"], message });
    }
    if (form.newPassword === form.currentPassword) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["newPassword"], message: "Choisissez un mot de passe différent de l'actuel." });
    }
  });
