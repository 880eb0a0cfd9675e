import { Notice } from "~/ui/form";
import { plural } from "~/ui/plural";
import type { BulkOutcome } from "../instruction.server";

/** What the bulk approval did: how many orders were approved, and why each other one was not. */
export function BulkOutcomes({ outcomes }: { outcomes: BulkOutcome[] }) {
  const approved = outcomes.filter((outcome) => outcome.approved).length;
  const refused = outcomes.flatMap((outcome) => (outcome.approved ? [] : [outcome]));
  return (
    <Notice kind={refused.length === 0 ? "success" : "warning"} title="Résultat de l'approbation">
      <p>
        {approved === 0 ? "Aucune commande approuvée" : `${plural(approved, "commande approuvée", "commandes approuvées")}`}
        {refused.length === 0 ? "." : ` ; ${plural(refused.length, "commande non approuvée", "commandes non approuvées")} :`}
      </p>
      {refused.length > 0 ? (
        <ul>
          {refused.map((outcome) => (
            <li key={outcome.orderId}>
              Commande n° {outcome.orderId} : {outcome.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
