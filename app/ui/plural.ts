/**
 * A count with its noun in French: "0 proposition", "1 proposition", "3 propositions". French
 * puts 0 and 1 in the singular; irregular plurals ("journal", "journaux") are given.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${Math.abs(count) >= 2 ? pluralForm : singular}`;
}
