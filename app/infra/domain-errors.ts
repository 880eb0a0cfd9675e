// The three ways a domain call fails on purpose. Domain modules throw these (or subclasses that
// carry more detail), never an HTTP Response: app/http/answers.server.ts turns them into answers,
// once for every route. Their messages are French sentences meant for the person at the screen.

/** Errors by form field; the key `_form` is a message about the form as a whole. */
export type FieldErrors = Record<string, string>;

/** The record does not exist, or the person may not even know it exists: answered 404. */
export class NotFound extends Error {
  override name = "NotFound";
  constructor(message = "Page introuvable.") {
    super(message);
  }
}

/**
 * A NotFound of its own class, for a record whose absence callers and tests tell apart from others';
 * it adds nothing but its name and its French message.
 */
export function notFoundOf(name: string, message: string) {
  return class extends NotFound {
    override name = name;
    constructor() {
      super(message);
    }
  };
}

/** A rule refuses the request as made; `field` names the form field at fault: answered 400. */
export class Refused extends Error {
  override name = "Refused";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** The messages to show beside the fields; subclasses that find several faults list them all. */
  fieldErrors(): FieldErrors {
    return { [this.field ?? "_form"]: this.message };
  }

  /** Sentences that detail the refusal beyond its fields (each faulty line of an imported file). */
  details(): string[] {
    return [];
  }
}

/** The record's state does not allow it now (locked, already done, moved on): answered 409. */
export class Conflict extends Refused {
  override name = "Conflict";
}
