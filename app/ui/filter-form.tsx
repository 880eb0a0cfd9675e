import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The filters of a list: a GET form, so the filtered list has its own address, with its
 * controls in one row (each child a grid column) and the button in the last column.
 */
export function FilterForm({
  label,
  buttonColumn,
  className,
  children,
}: {
  label: string;
  buttonColumn: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <Form method="get" className={className} aria-label={label}>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        {children}
        <div className={buttonColumn}>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Filtrer
          </button>
        </div>
      </div>
    </Form>
  );
}
