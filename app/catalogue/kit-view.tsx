import { derivativeSize, type PhotoVariant } from "~/media/media";
import type { KitPhoto, KitState } from "./catalogue.server";

// Pieces of the catalogue's pages shared by the list and a kit's page.

export const kitStateLabels: Record<KitState, string> = {
  orderable: "Commandable",
  withdrawn: "Retiré de la commande",
  not_offered: "Pas encore proposé à la commande",
};

export function KitStateBadge({ state }: { state: KitState }) {
  return <p className={`fr-badge fr-badge--sm ${state === "orderable" ? "fr-badge--success" : "fr-badge--info"}`}>{kitStateLabels[state]}</p>;
}

/**
 * A laureate's photo, served as /laureats serves it (the processed copies of the judged version),
 * its candidate's description as the alternative text.
 */
export function KitPhotoImage({
  proposalId,
  photo,
  variant,
  fallbackAlt,
  className,
  lazy = false,
}: {
  proposalId: number;
  photo: KitPhoto;
  variant: PhotoVariant;
  fallbackAlt: string;
  className?: string;
  lazy?: boolean;
}) {
  // Photos frozen before descriptions existed have none: their size and a generic text stand in.
  const size = photo.width && photo.height ? derivativeSize(photo.width, photo.height, variant) : { width: 800, height: 600 };
  return (
    <img
      className={className}
      src={`/laureats/${proposalId}/photos/${photo.id}/${variant}`}
      alt={photo.description ?? fallbackAlt}
      width={size.width}
      height={size.height}
      loading={lazy ? "lazy" : undefined}
      style={{ width: "100%", height: "auto" }}
    />
  );
}

export function TagList({ values }: { values: readonly string[] }) {
  return (
    <ul className="fr-tags-group">
      {values.map((value) => (
        <li key={value}>
          <p className="fr-tag fr-tag--sm">{value}</p>
        </li>
      ))}
    </ul>
  );
}
