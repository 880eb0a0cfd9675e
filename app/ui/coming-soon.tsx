import { Notice } from "./form";
import { Page } from "./layout";

/** The page of a space whose functions are not built yet: what it will offer, and that it opens soon. */
export function ComingSoonPage({ title, lead, plans }: { title: string; lead: string; plans: string[] }) {
  return (
    <Page title={title} lead={lead}>
      <Notice kind="info" title="Cet espace ouvre bientôt">
        <p>Les fonctions ci-dessous arrivent prochainement ; vous serez prévenu par courriel.</p>
      </Notice>
      <h2>Ce que vous pourrez faire ici</h2>
      <ul>
        {plans.map((plan) => (
          <li key={plan}>{plan}</li>
        ))}
      </ul>
    </Page>
  );
}
