// A closed set of values (roles, phases, statuses…) is written once, as the French name of each:
// its keys, in order, are the values, so a value cannot lack its label nor a label its value.
export function labelledValues<const Labels extends Record<string, string>>(labels: Labels) {
  type Value = keyof Labels & string;
  // Non-empty and read-only, as `[…] as const` was: z.enum takes it as is.
  const values = Object.keys(labels) as unknown as readonly [Value, ...Value[]];
  return { values, labels: labels as Readonly<Record<Value, string>> };
}
