// The two spaces that override a share's maker, with the same screen: the admin's (every
// département) and the instructors' (their départements only). Client-safe: the screen builds its links from it.

export type OverrideSpace = { role: "admin" | "instructor"; sharePath: string; backPath: string | null; titleContext: string };

export const overrideSpaces = {
  admin: { role: "admin", sharePath: "/admin/routage/parts", backPath: "/admin/routage", titleContext: "Administration" },
  instruction: { role: "instructor", sharePath: "/instruction/routage/parts", backPath: null, titleContext: "Instruction" },
} as const satisfies Record<string, OverrideSpace>;
