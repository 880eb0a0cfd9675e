import { db, type Sql } from "~/infra/db.server";
import { fileForScreen } from "~/media/files.server";
import { listMembers, listPendingInvitations } from "./members.server";
import { listStructureDocuments } from "./structure-files.server";
import { listStructuresOfMember } from "./structures.server";

/** Everything the space /structure shows a member: each of their structures with its documents, members and invitations. */
export async function structureSpace(input: { userId: number; now: Date }, sql: Sql = db) {
  const structures = await listStructuresOfMember(input.userId, sql);
  return Promise.all(
    structures.map(async (structure) => {
      const member = { structureId: structure.id, memberId: input.userId };
      const [documents, members, invitations] = await Promise.all([
        listStructureDocuments(structure.id, { sql }),
        listMembers(member, sql),
        listPendingInvitations({ ...member, now: input.now }, sql),
      ]);
      return { structure, documents: documents.map(fileForScreen), members, invitations };
    }),
  );
}
export type StructureSpace = Awaited<ReturnType<typeof structureSpace>>[number];
