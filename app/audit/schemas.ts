import { z } from "zod";

/** The « Vérifier maintenant » button's form: nothing else is accepted. */
export const fullCheckRequestSchema = z.object({
  intent: z.literal("verifier", { errorMap: () => ({ message: "Cette demande de vérification n'est pas reconnue." }) }),
});
