// Who to reach out to: the structures in view that may order in the campaign and never did, by
// their public name and commune only (what an instructor needs to find and call them, nothing more).
import { db, type Sql } from "~/infra/db.server";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import type { StructureKind } from "~/structures/kinds";
import { eligibilityRules, eligibleStructure, inView, type DashboardScope } from "./figures.server";

export const OUTREACH_PAGE_SIZE = 50;

export type SilentStructure = {
  structureId: number;
  legalName: string;
  kind: StructureKind;
  communeCode: string;
  communeName: string;
  departementCode: string;
  verifiedAt: Date;
};

async function silentStructures(scope: DashboardScope, sql: Sql) {
  const eligible = eligibleStructure(sql, await eligibilityRules(scope.campaignId, sql));
  return (tail: ReturnType<Sql["unsafe"]>) => sql<SilentStructure[]>`
    select s.id as structure_id, s.legal_name, s.kind, c.insee_code as commune_code, c.name as commune_name,
           c.departement_code, s.status_at as verified_at
    from structures s join communes c on c.insee_code = s.commune_code
    where ${inView(sql, scope, sql`c.departement_code`)} and ${eligible}
      and not exists (select 1 from orders o where o.structure_id = s.id and o.campaign_id = ${scope.campaignId} and o.status <> 'cart')
    ${tail}`;
}

/** A page of them, by département, commune and name. */
export async function neverOrdered(scope: DashboardScope & { page: number }, sql: Sql = db): Promise<Paged<SilentStructure>> {
  const select = await silentStructures(scope, sql);
  const [rows, [{ total }]] = await Promise.all([
    select(
      sql`order by c.departement_code, c.name, s.legal_name, s.id limit ${OUTREACH_PAGE_SIZE} offset ${offsetOf(scope.page, OUTREACH_PAGE_SIZE)}`,
    ),
    sql<{ total: number }[]>`select count(*)::int as total from (${select(sql``)}) silent`,
  ]);
  return paged(rows, total, scope.page, OUTREACH_PAGE_SIZE);
}

/** All of them, read a batch at a time: an export's memory stays flat however many there are. */
export async function* everyNeverOrdered(scope: DashboardScope, sql: Sql = db): AsyncGenerator<SilentStructure> {
  const select = await silentStructures(scope, sql);
  for await (const batch of select(sql`order by c.departement_code, c.name, s.legal_name, s.id`).cursor(500)) yield* batch;
}
