// The national seed's files: three small real photos, each with the derivatives the photo pipeline
// would have made (WebP, large / medium / thumbnail), stored once through the blob store and shared
// by thousands of rows; only the originals, whose keys are unique per file, are stored once a file.
import sharp from "sharp";
import type { BlobStore } from "../../app/infra/blobs/blob-store";
import type { SeedPhoto } from "./contest-rows";

const variants = { large: 480, medium: 240, thumbnail: 120 } as const;

function drawing(hue: number): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="hsl(${hue},45%,88%)"/>
    <rect x="120" y="150" width="400" height="250" rx="16" fill="hsl(${hue},55%,40%)"/>
    <rect x="260" y="120" width="120" height="44" rx="12" fill="none" stroke="hsl(${hue},55%,30%)" stroke-width="14"/>
    <rect x="170" y="200" width="170" height="120" rx="6" fill="#f5f5f5"/>
    <circle cx="425" cy="260" r="44" fill="#f5f5f5"/>
  </svg>`);
}

/** Makes and stores the shared photos; returns each one's keys and digests, and its original's bytes. */
export async function storeSeedPhotos(store: BlobStore): Promise<{ photos: SeedPhoto[]; originals: Buffer[] }> {
  const photos: SeedPhoto[] = [];
  const originals: Buffer[] = [];
  for (const [index, hue] of [215, 30, 140].entries()) {
    const original = await sharp(drawing(hue)).jpeg({ quality: 80 }).toBuffer();
    const keys = Object.fromEntries(Object.keys(variants).map((variant) => [variant, `national/photos/${index + 1}/${variant}.webp`])) as Record<
      keyof typeof variants,
      string
    >;
    const stored = await Promise.all(
      (Object.keys(variants) as (keyof typeof variants)[]).map(async (variant) =>
        store.put(keys[variant], await sharp(original).resize(variants[variant]).webp({ quality: 80 }).toBuffer(), { contentType: "image/webp" }),
      ),
    );
    const storedOriginal = await store.put(`national/photos/${index + 1}/original.jpg`, original, { contentType: "image/jpeg" });
    photos.push({
      ...keys,
      originalSha256: storedOriginal.sha256,
      originalSize: storedOriginal.size,
      readySha256: stored[0]!.sha256,
      width: 640,
      height: 480,
    });
    originals.push(original);
  }
  return { photos, originals };
}

/** Stores each file's original under its own key, a few at a time. */
export async function storeOriginals(store: BlobStore, files: readonly { key: string; photo: number }[], originals: readonly Buffer[]) {
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await store.put(file.key, originals[file.photo]!, { contentType: "image/jpeg" });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
