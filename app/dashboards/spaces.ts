// The two spaces that read the dashboard, with the same screen: the admin's (the whole country,
// or one département) and the instructors' (their départements only). Client-safe: the screen
// builds its links from it.

export type DashboardSpace = {
  key: "admin" | "instruction";
  role: "admin" | "instructor";
  path: string;
  /** Where an order queue and a structure's page live in this space. */
  ordersPath: string;
  structurePath: string;
  titleContext: string;
};

export const dashboardSpaces = {
  admin: {
    key: "admin",
    role: "admin",
    path: "/admin/tableau-de-bord",
    ordersPath: "/admin/commandes",
    structurePath: "/admin/structures",
    titleContext: "Administration",
  },
  instruction: {
    key: "instruction",
    role: "instructor",
    path: "/instruction/tableau-de-bord",
    ordersPath: "/instruction/commandes",
    structurePath: "/instruction/structures",
    titleContext: "Instruction",
  },
} as const satisfies Record<string, DashboardSpace>;
