/** What a promise was rejected with, or null when it fulfilled: for tests that inspect a refusal. */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}
