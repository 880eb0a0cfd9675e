// Waiting on a condition, never on a fixed delay: vitest polls `read` until `done` holds, and the
// deadline only tells a hang from a slow machine.
import { vi } from "vitest";

export async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  let last: T | undefined;
  try {
    return await vi.waitFor(
      async () => {
        last = await read();
        if (!done(last)) throw new Error(what);
        return last;
      },
      { timeout: timeoutMs, interval: 100 },
    );
  } catch {
    throw new Error(`pas atteint en ${timeoutMs / 1000} s : ${what} (dernier état : ${JSON.stringify(last)})`);
  }
}
