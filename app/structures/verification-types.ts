import type { StructureKind } from "./kinds";
import type { ReviewAction } from "./verification";
import type { StructureStatus } from "./statuses";

// The shapes of the verification's data as the domain reads them and the review screens show
// them; client-safe, so that both sides name the same types.

export type QueueItem = {
  id: number;
  legalName: string;
  siret: string;
  kind: StructureKind;
  communeName: string;
  departementCode: string;
  status: StructureStatus;
  statusAt: Date;
};

export type QueueStatus = StructureStatus | "all";

export type StructureUnderReview = {
  id: number;
  siret: string;
  legalName: string;
  kind: StructureKind;
  communeCode: string;
  communeName: string;
  communePopulation: number;
  departementCode: string;
  departementName: string;
  address: string;
  postalCode: string;
  contactName: string;
  contactPhone: string;
  status: StructureStatus;
  statusReason: string | null;
  statusAt: Date;
  statusByName: string | null;
  registeredByName: string;
  registeredByEmail: string;
  createdAt: Date;
};

export type ReviewEntry = { id: number; action: ReviewAction; message: string | null; actorName: string; at: Date };

export type RelatedStructure = {
  id: number;
  legalName: string;
  siret: string;
  address: string;
  communeName: string;
  status: StructureStatus;
  samePlace: boolean;
  sameSiren: boolean;
};

/** A supporting document as the decision page shows it: a link once the PDF is checked, its state before. */
export type SupportingDocument = { id: number; label: string; href: string | null; state: string | null };

export type ReviewFile = {
  structure: StructureUnderReview;
  /** The year of the municipal populations loaded (stated next to every population shown). */
  populationYear: number | null;
  reviews: ReviewEntry[];
  /** Other structures within reach at the same place (same commune, same normalised address) or of the same SIREN. */
  related: { items: RelatedStructure[]; total: number };
  documents: SupportingDocument[];
};

/** How many structures a status holds in the queue; `more`: more than `count`, the count stopped there. */
export type StatusCount = { count: number; more: boolean };
