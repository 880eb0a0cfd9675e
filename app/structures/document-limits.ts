/** Supporting documents a structure may hold at once: its statutes, a prefecture's letter… */
export const MAX_STRUCTURE_DOCUMENTS = 3;
