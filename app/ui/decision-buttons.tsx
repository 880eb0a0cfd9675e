/**
 * The buttons of a form that decides (approve or refuse, publish or hide), posted as `decision`;
 * each says for screen readers what it decides about, since a page lists several such forms.
 */
export function DecisionButtons({ choices, about }: { choices: readonly { value: string; label: string; secondary: boolean }[]; about: string }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm">
      {choices.map((choice) => (
        <li key={choice.value}>
          <button type="submit" name="decision" value={choice.value} className={`fr-btn${choice.secondary ? " fr-btn--secondary" : ""}`}>
            {choice.label}
            <span className="fr-sr-only"> : {about}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
