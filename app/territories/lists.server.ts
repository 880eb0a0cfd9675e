import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { Refused, type FieldErrors } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { parseCommuneList, type ListFileProblem } from "./commune-list-file";

/** A list file with problems: nothing is saved, and every problem is listed with its line. */
export class ListFileRefused extends Refused {
  constructor(readonly problems: ListFileProblem[]) {
    super(`Le fichier n'a pas été importé : ${problems.length > 1 ? `${problems.length} problèmes` : "1 problème"}, détaillés ci-dessous.`, "file");
  }

  override fieldErrors(): FieldErrors {
    return { file: this.message };
  }

  override details(): string[] {
    return this.problems.map((problem) => (problem.line === null ? problem.message : `Ligne ${problem.line} : ${problem.message}`));
  }
}

export type TerritorialList = {
  id: number;
  name: string;
  version: number;
  source: string;
  validFrom: string;
  isSample: boolean;
  communeCount: number;
  importedAt: Date;
};

export type ListImport = {
  name: string;
  source: string;
  validFrom: string; // YYYY-MM-DD
  isSample?: boolean;
  fileText: string;
  actorId: number | null;
  now: Date;
};

/**
 * Imports a list file as the new version of the list called `name` (created on its first import).
 * The file is checked whole against today's communes first; the list is then replaced whole, the
 * previous versions kept, and the import audited.
 */
export async function importTerritorialList(input: ListImport, sql: Sql = db): Promise<TerritorialList> {
  const known = new Set((await sql<{ inseeCode: string }[]>`select insee_code from communes`).map((row) => row.inseeCode));
  const parsed = parseCommuneList(input.fileText, known);
  if (!parsed.ok) throw new ListFileRefused(parsed.problems);
  return transaction(sql, async (tx) => {
    // The upsert locks the list's row: two imports of one list take their turn, and number
    // their versions one after the other.
    const [list]: [{ id: number }] = await tx`
      insert into territorial_lists (name) values (${input.name})
      on conflict (name) do update set name = excluded.name
      returning id`;
    const [version]: [{ id: number; version: number }] = await tx`
      insert into territorial_list_versions (list_id, version, source, valid_from, is_sample, commune_count, imported_by, imported_at)
      select ${list.id}, coalesce(max(version), 0) + 1, ${input.source}, ${input.validFrom}, ${input.isSample ?? false},
             ${parsed.codes.length}, ${input.actorId}, ${input.now}
      from territorial_list_versions where list_id = ${list.id}
      returning id, version`;
    await tx`
      insert into territorial_list_communes (version_id, commune_code)
      select ${version.id}, unnest(${parsed.codes}::text[])`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "territorial_list.imported",
      subject: `territorial_list:${list.id}`,
      data: {
        name: input.name,
        version: version.version,
        source: input.source,
        validFrom: input.validFrom,
        communes: parsed.codes.length,
        sample: input.isSample ?? false,
      },
    });
    const [imported]: [TerritorialList?] = await tx`${currentVersions(tx)} where l.id = ${list.id}`;
    return imported!;
  });
}

function currentVersions(sql: Sql) {
  return sql`
    select l.id, l.name, v.version, v.source, to_char(v.valid_from, 'YYYY-MM-DD') as valid_from, v.is_sample,
           v.commune_count, v.imported_at
    from territorial_lists l
    join lateral (
      select * from territorial_list_versions where list_id = l.id order by version desc limit 1
    ) v on true`;
}

/** Every list in its current version, by name. */
export async function listTerritorialLists(sql: Sql = db): Promise<TerritorialList[]> {
  return sql<TerritorialList[]>`${currentVersions(sql)} order by l.name`;
}

/** The lists, in their current version, that contain a commune. */
export async function listsContaining(communeCode: string, sql: Sql = db): Promise<TerritorialList[]> {
  return sql<TerritorialList[]>`
    ${currentVersions(sql)}
    where exists (select 1 from territorial_list_communes c where c.version_id = v.id and c.commune_code = ${communeCode})
    order by l.name`;
}
