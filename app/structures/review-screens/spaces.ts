// The two spaces that review structures, with the same screens: the admin's (every département)
// and the instructors' (their départements only). Client-safe: the screens build their links from it.

export type ReviewSpace = {
  key: "admin" | "instruction";
  role: "admin" | "instructor";
  /** The queue's address; a structure's page is under `structurePath`. */
  queuePath: string;
  structurePath: string;
  title: string;
  titleContext: string;
};

export const reviewSpaces = {
  admin: {
    key: "admin",
    role: "admin",
    queuePath: "/admin/structures",
    structurePath: "/admin/structures",
    title: "Structures",
    titleContext: "Administration",
  },
  instruction: {
    key: "instruction",
    role: "instructor",
    queuePath: "/instruction",
    structurePath: "/instruction/structures",
    title: "Instruction des structures",
    titleContext: "Instruction",
  },
} as const satisfies Record<string, ReviewSpace>;
