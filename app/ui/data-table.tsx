import { useId, type ReactNode } from "react";

export type TableRow = { key: string | number; cells: ReactNode[] };

/**
 * The one DSFR data table. Every table has a caption (read by screen readers even when
 * `hideCaption` keeps it off screen because a heading just above says the same), column
 * headers with their scope, and, with `rowHeaders`, the first cell of each row as its header.
 * A wide table scrolls in its container: the container takes keyboard focus and is named by the
 * caption, so a keyboard user can scroll it too (RGAA 7.3, axe « scrollable-region-focusable »).
 */
export function DataTable({
  caption,
  hideCaption = false,
  headers,
  rows,
  rowHeaders = false,
  multiline = true,
  className,
}: {
  caption: ReactNode;
  hideCaption?: boolean;
  headers: ReactNode[];
  rows: TableRow[];
  rowHeaders?: boolean;
  multiline?: boolean;
  className?: string;
}) {
  const captionId = useId();
  const classes = ["fr-table", multiline ? "fr-table--multiline" : null, className].filter(Boolean).join(" ");
  return (
    <div className={classes}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-labelledby={captionId}>
          <div className="fr-table__content">
            <table>
              <caption id={captionId} className={hideCaption ? "fr-sr-only" : undefined}>
                {caption}
              </caption>
              <thead>
                <tr>
                  {headers.map((header, index) => (
                    <th scope="col" key={index}>
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    {row.cells.map((cell, index) =>
                      rowHeaders && index === 0 ? (
                        <th scope="row" key={index}>
                          {cell}
                        </th>
                      ) : (
                        <td key={index}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
