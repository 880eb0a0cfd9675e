import type { z } from "zod";

/**
 * The one reader of query strings: the address's parameters through a zod schema. Schemas give
 * each parameter a `.catch()`, so a hand-edited address shows the default view instead of failing;
 * a repeated parameter counts once (its first value).
 */
export function readQuery<S extends z.ZodTypeAny>(request: Request, schema: S): z.output<S> {
  const params = new Map<string, string>();
  for (const [key, value] of new URL(request.url).searchParams) {
    if (!params.has(key)) params.set(key, value);
  }
  return schema.parse(Object.fromEntries(params));
}
