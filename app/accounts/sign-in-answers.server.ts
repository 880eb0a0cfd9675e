import { data, type HeadersFunction } from "@remix-run/node";
import type { FormAnswer } from "~/http/answers.server";
import type { SignInBarred } from "./errors";

// How the login pages answer a sign-in barrier: not a form error (400) but 403, or 429 with
// Retry-After when waiting is the way out, with the message and what was typed kept.

/** The answer to a barrier met while signing in, changing a password or giving a code. */
export function barredAnswer(error: SignInBarred, typed: Pick<FormAnswer, "values" | "lists">) {
  const { retryAfterSeconds, unconfirmedEmail } = error;
  const answer = { errors: error.fieldErrors(), ...typed, unconfirmedEmail };
  if (retryAfterSeconds === null) return data(answer, { status: 403 });
  return data(answer, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** On a document request only the route's headers function sets headers: it passes Retry-After on. */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
