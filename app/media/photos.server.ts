import sharp, { type Metadata, type ResizeOptions } from "sharp";
import { formatInteger, formatMegapixels, photoSizes, type PhotoVariant } from "./media";

// One libvips thread per operation: the three encodes of a photo already run side by side on the
// libuv pool, and the worker runs photos in parallel; more threads would only oversubscribe the cores.
sharp.concurrency(1);
// Every photo is seen once: libvips' operation cache would only hold memory.
sharp.cache(false);

export const WEBP_QUALITY = 80;
const formats = new Set(["jpeg", "png", "webp"]);

export type RenderedPhoto = {
  ok: true;
  /** The original's size once oriented. */
  width: number;
  height: number;
  derivatives: Record<PhotoVariant, Buffer>;
};

/** `stage` says how far the photo went: "header" refusals never decoded a pixel. */
export type PhotoRefusal = { ok: false; stage: "header" | "decode"; reason: string };

/**
 * Re-encodes an uploaded photo into its derivatives. The header is read first and the pixel count
 * checked before anything is decoded (a few bytes can declare 20000×20000); decoding then runs with
 * the same limit enforced by libvips, fails on truncated or corrupt data, applies the EXIF
 * orientation and keeps no metadata (sharp writes none unless asked: no EXIF, GPS, XMP, IPTC, ICC).
 */
export async function renderPhoto(input: Buffer, limits: { maxPixels: number }): Promise<RenderedPhoto | PhotoRefusal> {
  let header: Metadata;
  try {
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, stage: "header", reason: unreadable };
  }
  if (!header.format || !formats.has(header.format) || !header.width || !header.height) {
    return { ok: false, stage: "header", reason: "Le format de cette photo n'est pas reconnu : déposez-la en JPEG, PNG ou WebP." };
  }
  const pixels = header.width * header.height;
  if (pixels > limits.maxPixels) {
    return {
      ok: false,
      stage: "header",
      reason:
        `La photo mesure ${formatInteger(header.width)} × ${formatInteger(header.height)} pixels (${formatMegapixels(pixels)}) : ` +
        `le concours accepte au plus ${formatMegapixels(limits.maxPixels)}. Réduisez-la puis déposez-la de nouveau.`,
    };
  }

  try {
    // Decoded once, down to the largest derivative; the smaller ones are made from that.
    const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: "error" })
      .rotate()
      .resize(fitInside(photoSizes.large))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const [large, medium, thumbnail] = await Promise.all([
      sharp(data, raw).webp({ quality: WEBP_QUALITY }).toBuffer(),
      sharp(data, raw).resize(fitInside(photoSizes.medium)).webp({ quality: WEBP_QUALITY }).toBuffer(),
      sharp(data, raw).resize(fitInside(photoSizes.thumbnail)).webp({ quality: WEBP_QUALITY }).toBuffer(),
    ]);
    const oriented = header.autoOrient ?? { width: header.width, height: header.height };
    return { ok: true, width: oriented.width, height: oriented.height, derivatives: { large, medium, thumbnail } };
  } catch {
    return { ok: false, stage: "decode", reason: unreadable };
  }
}

const unreadable = "La photo est endommagée ou incomplète et n'a pas pu être lue. Enregistrez-la de nouveau depuis votre appareil puis déposez-la.";

function fitInside(size: number): ResizeOptions {
  return { width: size, height: size, fit: "inside", withoutEnlargement: true };
}
