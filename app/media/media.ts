// Shared shapes of the media domain (no I/O): kinds, accepted types, derivatives, typed errors.
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFoundOf, Refused } from "~/infra/domain-errors";
import { boundedText } from "~/infra/text-limit";
import type { FileTarget } from "./file-target";

export const fileKinds = ["photo", "document"] as const;
export type FileKind = (typeof fileKinds)[number];

export const fileStatuses = ["processing", "ready", "refused"] as const;
export type FileStatus = (typeof fileStatuses)[number];

export const statusLabels: Record<FileStatus, string> = {
  processing: "En cours de traitement",
  ready: "Prêt",
  refused: "Refusé",
};

/** Types accepted for each kind, as sniffed from the bytes (never from the name or the browser's claim). */
export const acceptedTypes: Record<FileKind, readonly string[]> = {
  photo: ["image/jpeg", "image/png", "image/webp"],
  document: ["application/pdf"],
};

export const photoVariants = ["large", "medium", "thumbnail"] as const;
export type PhotoVariant = (typeof photoVariants)[number];
export type Variant = PhotoVariant | "clean";
const variants: readonly string[] = [...photoVariants, "clean"];

/** The copy named in an address; any other name is a file that does not exist. */
export function requireVariant(segment: string | undefined): Variant {
  if (segment === undefined || !variants.includes(segment)) throw new MediaFileNotFound();
  return segment as Variant;
}

/** Longest side of each photo derivative, in pixels (never enlarged). */
export const photoSizes: Record<PhotoVariant, number> = { large: 1600, medium: 800, thumbnail: 320 };

export const MAX_PDF_PAGES = 300;

/** The size of a photo derivative, from the (oriented) original's: fitted inside the variant's box, never enlarged. */
export function derivativeSize(width: number, height: number, variant: PhotoVariant): { width: number; height: number } {
  const box = photoSizes[variant];
  const scale = Math.min(1, box / width, box / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function variantsOf(kind: FileKind): readonly Variant[] {
  return kind === "photo" ? photoVariants : ["clean"];
}

/** Server-made keys: nothing of the uploaded name ever reaches storage. */
export function fileKeys(target: Pick<FileTarget, "keyPrefix">, recordId: number, fileId: number) {
  const dir = `${target.keyPrefix}/${recordId}/${fileId}`;
  return {
    original: `${dir}/original`,
    large: `${dir}/large.webp`,
    medium: `${dir}/medium.webp`,
    thumbnail: `${dir}/thumbnail.webp`,
    clean: `${dir}/clean.pdf`,
  } satisfies Record<"original" | Variant, string>;
}

/** A photo's description is its alternative text: short, as a screen reader reads it in one go. */
export const PHOTO_DESCRIPTION_MAX = 300;

/** The error key of a photo's description, also the suffix of its field's id. */
export const photoField = (fileId: number) => `photo-${fileId}`;

/** The candidate's description of one photo (free text, stored and shown as the image's `alt`). */
export const photoDescriptionSchema = z.object({
  fileId: recordId,
  description: boundedText("La description", PHOTO_DESCRIPTION_MAX)
    .pipe(
      z
        .string()
        .min(1, "Décrivez la photo : ce texte la remplace pour les personnes qui ne la voient pas.")
        // Control characters (a NUL byte first: PostgreSQL refuses it in text) have no place in an image's alternative text.
        .refine(
          (value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value),
          "La description contient un caractère de contrôle (octet nul ou autre caractère invisible) : retirez-le.",
        ),
    )
    // One line, as a screen reader reads it.
    .transform((value) => value.replace(/\s+/g, " ")),
});

export type UploadRefusalCode = "empty" | "type" | "too_large" | "count";

/** An upload refused at intake; nothing was stored. The message is for the designer, by the file field. */
export class UploadRefused extends Refused {
  override name = "UploadRefused";
  constructor(
    readonly code: UploadRefusalCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, "fichier");
    if (options) this.cause = options.cause;
  }
}

/** No such file on this record, or not (yet) servable: both answer 404. */
export const MediaFileNotFound = notFoundOf("MediaFileNotFound", "Fichier introuvable.");

const frenchInteger = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const frenchDecimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

export function formatInteger(value: number): string {
  return frenchInteger.format(value);
}

export function formatMegapixels(pixels: number): string {
  return `${frenchDecimal.format(pixels / 1_000_000)} mégapixels`;
}
