// Display names of uploaded files. They are only ever shown (and offered as download names):
// storage keys are made by the server, so nothing here has to be safe as a path, only as text.

export const MAX_FILENAME_LENGTH = 120;
const MAX_EXTENSION_LENGTH = 10;
const FALLBACK = "fichier";

// Control characters (C0, C1), format characters (bidi overrides and isolates, zero-width
// characters, soft hyphens…): invisible, and able to make "gpj.exe" read as "exe.jpg".
const invisible = /[\p{Cc}\p{Cf}]/gu;
// Line and paragraph separators and odd spaces become plain spaces.
const spaces = /[\s\p{Zs}\u2028\u2029]+/gu;
// Reserved on common desktops: a download named with them would be renamed or refused.
const reserved = /[<>:"|?*]/g;

/** A name fit to display: last path segment, no invisible characters, accents kept, at most 120 characters. */
export function sanitizeFilename(raw: string): string {
  const text = raw
    .normalize("NFC")
    .replace(/[\t\n\v\f\r]+/g, " ")
    .replace(invisible, "");
  // Browsers send "C:\fakepath\x.jpg" or "../../x.jpg": only the last segment is a name.
  const base =
    text
      .split(/[/\\]/)
      .filter((part) => part.trim() !== "")
      .pop() ?? "";
  const cleaned = base
    .replace(reserved, "_")
    .replace(spaces, " ")
    .trim()
    // No hidden files and no bare dots; trailing dots vanish on Windows anyway.
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (cleaned === "") return FALLBACK;
  return capLength(cleaned, MAX_FILENAME_LENGTH);
}

/** Cuts by code points, never inside a surrogate pair, keeping a short extension. */
function capLength(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 1 && extension.length <= MAX_EXTENSION_LENGTH + 1) {
    const stem = Array.from(name.slice(0, dot)).slice(0, max - extension.length);
    return (stem.join("").trimEnd() || FALLBACK) + extension.join("");
  }
  return chars.slice(0, max).join("").trimEnd();
}

/** The name offered for a processed copy: the display name with the copy's extension (photo.jpg → photo.webp). */
export function downloadName(displayName: string, extension: string): string {
  const name = sanitizeFilename(displayName);
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH + 1 ? name.slice(0, dot) : name;
  return capLength(`${stem}.${extension}`, MAX_FILENAME_LENGTH);
}
