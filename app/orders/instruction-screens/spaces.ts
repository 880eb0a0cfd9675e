// The two spaces that instruct orders, with the same screens: the admin's (every département)
// and the instructors' (their départements only). Client-safe: the screens build their links from it.

export type InstructionSpace = {
  key: "admin" | "instruction";
  role: "admin" | "instructor";
  /** The queue's address; an order's page is `${queuePath}/<id>`. */
  queuePath: string;
  title: string;
  titleContext: string;
};

export const instructionSpaces = {
  admin: { key: "admin", role: "admin", queuePath: "/admin/commandes", title: "Commandes", titleContext: "Administration" },
  instruction: {
    key: "instruction",
    role: "instructor",
    queuePath: "/instruction/commandes",
    title: "Commandes à instruire",
    titleContext: "Instruction",
  },
} as const satisfies Record<string, InstructionSpace>;
