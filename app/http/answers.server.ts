import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { Conflict, NotFound, Refused, type FieldErrors } from "~/infra/domain-errors";
import { parseForm, readFormData, submittedValues } from "~/infra/forms";

// The one place where the domain's typed errors become HTTP answers (docs/decisions/017-domain-errors-to-answers.md). Loaders
// wrap themselves in withDomainErrors, actions in formAction: a route reads schema, permission,
// one domain call, redirect, and never catches a domain error itself.

/** What an action answers when the form cannot be accepted: messages by field, and what was typed. */
export type FormAnswer = { errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> };

/** Fields that do not pass the form's schema: a refusal that names every field at fault. */
class InvalidFields extends Refused {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors)[0] ?? "Le formulaire contient des erreurs.");
  }

  override fieldErrors(): FieldErrors {
    return this.errors;
  }
}

/** The posted form, read once from the body (and only when the action asks for it). */
export class SubmittedForm {
  #formData: Promise<FormData> | undefined;
  #read: FormData | undefined;

  constructor(private readonly request: Request) {}

  async formData(): Promise<FormData> {
    this.#formData ??= readFormData(this.request);
    this.#read = await this.#formData;
    return this.#read;
  }

  /** The form's data as the schema gives it, or a 400 naming each field at fault. */
  async parse<S extends z.ZodTypeAny>(schema: S): Promise<z.output<S>> {
    const parsed = parseForm(await this.formData(), schema);
    if (!parsed.ok) throw new InvalidFields(parsed.errors);
    return parsed.data;
  }

  /** The button pressed, for forms with several (`name="intent"`). */
  async intent(): Promise<string | null> {
    const intent = (await this.formData()).get("intent");
    return typeof intent === "string" ? intent : null;
  }

  /** What was typed, to show it back (never secrets); empty when the body was never read. */
  typed(): Pick<FormAnswer, "values" | "lists"> {
    return this.#read ? submittedValues(this.#read) : { values: {}, lists: {} };
  }
}

function statusOf(error: Refused): number {
  return error instanceof Conflict ? 409 : 400;
}

function textResponse(message: string, status: number, statusText: string): Response {
  return new Response(message, { status, statusText, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** NotFound → 404 with its French message, shown by the error boundary; other errors pass. */
function rethrowNotFound(error: unknown): void {
  if (error instanceof NotFound) throw textResponse(error.message, 404, "Not Found");
}

/**
 * A loader whose domain errors become answers: NotFound → 404, Refused → 400, Conflict → 409,
 * each with its French message for the error boundary.
 */
export function withDomainErrors<Args, Result>(loader: (args: Args) => Promise<Result>): (args: Args) => Promise<Result> {
  return async (args) => {
    try {
      return await loader(args);
    } catch (error) {
      rethrowNotFound(error);
      if (error instanceof Refused) throw textResponse(error.message, statusOf(error), error instanceof Conflict ? "Conflict" : "Bad Request");
      throw error;
    }
  };
}

/**
 * An action whose refusals come back to the form: a failed schema or a Refused → 400, a Conflict
 * → 409, both with the messages by field and the values typed, so nothing is lost; NotFound → 404.
 */
export function formAction<Result>(action: (args: ActionFunctionArgs & { form: SubmittedForm }) => Promise<Result>) {
  return async (args: ActionFunctionArgs) => {
    const form = new SubmittedForm(args.request);
    try {
      return await action({ ...args, form });
    } catch (error) {
      rethrowNotFound(error);
      if (!(error instanceof Refused)) throw error;
      const answer: FormAnswer = { errors: error.fieldErrors(), ...form.typed() };
      return data(answer, { status: statusOf(error) });
    }
  };
}
