/** What an admin may export as a long CSV file. */
export const exportKinds = ["structures"] as const;
export type ExportKind = (typeof exportKinds)[number];
