// What the benchmarks share to set themselves up (#13 point 7: bench/catalog.ts, bench/paging.ts and
// bench/workbench.ts each carried a copy): command-line numbers, a progress bar on stderr, the
// agency tree (a county government and A−1 agencies below it, bulk-inserted), the statutory
// categories by agency, and the row of a published publication made from a generated one.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { createDefaultTaxonomy, listAgenciesWithoutCategories } from '../../src/modules/catalog/index.ts';
import type { AgencyKind as AgencyKindName } from '../../src/platform/agency-kinds.ts';
import type { AuditContext } from '../../src/platform/audit.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import type { GeneratedPublication } from '../corpus.ts';

/** `--name N` as a whole number; `fallback` when absent or not a number ≥ `min` (default 1). */
export function numberArg(name: string, fallback: number, min = 1): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v >= min ? Math.floor(v) : fallback;
}

/** `--name VALUE`, or undefined. */
export function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A progress bar on stderr: `label [####....] done/total 12s`, a new line when done. */
export function progressBar(started: number, labelWidth = 10) {
  return (label: string, done: number, total: number): void => {
    const width = 30;
    const filled = Math.round((width * done) / Math.max(1, total));
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(
      `\r${label.padEnd(labelWidth)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${secs}s   `,
    );
    if (done >= total) process.stderr.write('\n');
  };
}

type AgencyKind = 'countyGovernment' | 'department' | 'town' | 'township';

export interface AgencyTreeOptions {
  /** createdAt/updatedAt of every row. */
  at: string;
  /** The kind of agency i ≥ 1 (0 is the county government); default: department. */
  kind?: (i: number) => Exclude<AgencyKind, 'countyGovernment'>;
  /** Name and 网址标识 of agency i ≥ 1 where it is not the default 永顺县第i单位 / a{i}. */
  special?: (i: number) => { name: string; slug: string } | undefined;
  progress?: (label: string, done: number, total: number) => void;
}

/**
 * Inserts 永顺县人民政府 (slug `county`) and `count − 1` agencies below it, 500 per statement, with
 * their materialised paths. Returns the ids, the root's first.
 */
export async function insertAgencyTree(db: Kysely<DB>, count: number, o: AgencyTreeOptions): Promise<number[]> {
  const row = (i: number, parentId: number | null) => {
    const special = i === 0 ? undefined : o.special?.(i);
    return {
      parentId,
      path: '/',
      depth: parentId ? 1 : 0,
      name: i === 0 ? '永顺县人民政府' : (special?.name ?? `永顺县第${i}单位`),
      shortName: i === 0 ? '永顺县' : `第${i}单位`,
      kind: (i === 0 ? 'countyGovernment' : (o.kind?.(i) ?? 'department')) as AgencyKind,
      creditCode: `1143312700${String(i).padStart(7, '0')}X`,
      slug: i === 0 ? 'county' : (special?.slug ?? `a${i}`),
      officeName: '政府办公室',
      officeAddress: '永顺县灵溪镇',
      officePostcode: '416700',
      officePhone: '0743-5222222',
      officeFax: '',
      officeEmail: 'gk@example.gov.cn',
      officeHours: '工作日 8:00—17:30',
      indexPattern: '{creditCode}/{YYYY}-{seq:5}',
      guideText: '',
      sortOrder: i,
      active: 1,
      createdAt: o.at,
      updatedAt: o.at,
    };
  };
  const root = await db.insertInto('agencies').values(row(0, null)).returning('id').executeTakeFirstOrThrow();
  await db
    .updateTable('agencies')
    .set({ path: `/${root.id}/` })
    .where('id', '=', root.id)
    .execute();
  const ids = [root.id];
  for (let i = 1; i < count; i += 500) {
    await db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(500, count - i) }, (_, k) => row(i + k, root.id));
      for (const { id } of await trx.insertInto('agencies').values(rows).returning('id').execute()) ids.push(id);
    });
    o.progress?.('agencies', Math.min(count, i + 499), count);
  }
  // The materialised paths in one statement (one UPDATE a row took minutes at 2,000 agencies).
  await sql`UPDATE agencies SET path = ${`/${root.id}/`} || CAST(id AS TEXT) || '/' WHERE parent_id = ${root.id}`.execute(
    db,
  );
  return ids;
}

/**
 * The default taxonomy of every agency without categories, as ensureDefaultTaxonomies() makes it,
 * set-based: the service creates it for the first agency of each kind (with its audit event), and
 * the other agencies of that kind get a copy of those rows, one INSERT … SELECT per depth, parents
 * found by code. The service's per-agency statements took 970 s for 2,000 agencies on PostgreSQL
 * (docs/PERFORMANCE.md); the copies carry no audit event (bench data).
 */
export async function insertDefaultTaxonomies(db: Kysely<DB>, ctx: AuditContext): Promise<void> {
  const bare = await listAgenciesWithoutCategories(db);
  const byKind = new Map<AgencyKindName, number[]>();
  for (const a of bare) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a.id]);
  for (const [kind, [template, ...others]] of byKind) {
    if (template === undefined) continue;
    await inTransaction(db, (trx) => createDefaultTaxonomy(trx, ctx, template, kind));
    const depth = await db
      .selectFrom('categories')
      .select((eb) => eb.fn.max('depth').as('d'))
      .where('agencyId', '=', template)
      .executeTakeFirstOrThrow();
    for (let i = 0; i < others.length; i += 500) {
      const targets = others.slice(i, i + 500);
      await inTransaction(db, async (trx) => {
        for (let d = 0; d <= Number(depth.d ?? 0); d += 1)
          await sql`INSERT INTO categories (agency_id, parent_id, code, name, description, column_key, depth, sort_order,
              active, created_at, updated_at)
            SELECT a.id, np.id, c.code, c.name, c.description, c.column_key, c.depth, c.sort_order, c.active,
              c.created_at, c.updated_at
            FROM categories c CROSS JOIN agencies a
            LEFT JOIN categories pc ON pc.id = c.parent_id
            LEFT JOIN categories np ON np.agency_id = a.id AND np.code = pc.code
            WHERE c.agency_id = ${template} AND c.depth = ${d} AND a.id IN (${sql.join(targets)})
            ORDER BY a.id, c.id`.execute(trx);
      });
    }
  }
}

/** The 法定主动公开内容 subcategories (leaves of `statutory`) of every agency, by agency id. */
export async function statutoryCategoriesByAgency(db: Kysely<DB>): Promise<Map<number, number[]>> {
  const cats = await db
    .selectFrom('categories')
    .select(['id', 'agencyId'])
    .where('columnKey', '=', 'statutory')
    .where('parentId', 'is not', null)
    .execute();
  const byAgency = new Map<number, number[]>();
  for (const c of cats) byAgency.set(c.agencyId, [...(byAgency.get(c.agencyId) ?? []), c.id]);
  return byAgency;
}

/** The row of a publication published on its 成文日期, released in time. */
export function publishedRow(
  g: GeneratedPublication,
  o: { agencyId: number; indexNumber: string; publishedAt: string; validity: 'valid' | 'invalid'; at: string },
) {
  return {
    agencyId: o.agencyId,
    title: g.title,
    summary: g.summary,
    body: g.bodyHtml,
    issuer: '永顺县人民政府',
    formedOn: g.formedOn,
    dueOn: g.formedOn,
    publishedAt: o.publishedAt,
    publishedOn: g.formedOn,
    isLate: 0,
    documentNumber: g.documentNumber,
    validity: o.validity,
    effectiveOn: null,
    invalidOn: null,
    repealedOn: null,
    topic: '综合政务',
    keywords: '',
    disclosureMode: 'proactive' as const,
    indexNumber: o.indexNumber,
    state: 'published' as const,
    docKind: 'other' as const,
    issuedOn: null,
    docRepealedOn: null,
    withdrawnAt: null,
    withdrawnReason: '',
    reviewComment: '',
    revision: 1,
    createdBy: null,
    createdAt: o.at,
    updatedAt: o.at,
  };
}
