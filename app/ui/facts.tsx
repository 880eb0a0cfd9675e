import type { ReactNode } from "react";

/** A titled section of terms and their values: what a record says, for the person who decides on it. */
export function Facts({ title, facts }: { title: string; facts: [string, ReactNode][] }) {
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">{title}</h2>
      <dl>
        {facts.map(([term, value]) => (
          <div key={term} className="fr-mb-1w">
            <dt className="fr-text--bold fr-mb-0">{term}</dt>
            <dd className="fr-ml-0">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
