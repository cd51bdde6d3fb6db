import { type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { type SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { type ConnectionShape } from '../../lib/pagination';
import { MandatoryNotice } from './mandatory-notice.entity';

/** A position in a list of notices ordered newest first: filing time, then id. */
export interface NoticeCursor {
  filedAt: Date;
  id: string;
}

/** One page of one employer's notices: the first `first` after `after` (newest first). */
export interface NoticePageKey {
  employer: string;
  first: number;
  after: NoticeCursor | null;
}

/** Opaque cursor of a notice in a newest-first list. */
export function encodeNoticeCursor(notice: Pick<MandatoryNotice, 'filedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([notice.filedAt.toISOString(), notice.id])).toString('base64url');
}

/** Reads a cursor made by {@link encodeNoticeCursor}; null when it is not one. */
export function decodeNoticeCursor(cursor: string): NoticeCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const filedAt = new Date(at);
    return Number.isNaN(filedAt.getTime()) ? null : { filedAt, id };
  } catch {
    return null;
  }
}

const keyOf = (key: NoticePageKey) =>
  JSON.stringify([key.employer, key.first, key.after?.filedAt.toISOString() ?? null, key.after?.id ?? null]);

/**
 * Pages of notices for many employers at once. Keys asking for the same page size and
 * cursor share one windowed query (`row_number() over (partition by employer ...)`), so
 * the statements per request do not grow with the number of employers: one count for
 * the whole batch, then two per distinct (first, after).
 */
export function createNoticePageLoader(em: EntityManager): DataLoader<NoticePageKey, ConnectionShape<MandatoryNotice>, string> {
  const sqlEm = em as SqlEntityManager;
  return new DataLoader<NoticePageKey, ConnectionShape<MandatoryNotice>, string>(
    async (keys) => {
      const employers = [...new Set(keys.map((k) => k.employer))];
      const totals = await countByEmployer(sqlEm, employers);
      const groups = new Map<string, NoticePageKey[]>();
      for (const key of keys) {
        const group = `${key.first}|${key.after?.filedAt.toISOString() ?? ''}|${key.after?.id ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const pages = new Map<string, ConnectionShape<MandatoryNotice>>();
      for (const group of groups.values()) {
        const { first, after } = group[0]!;
        const rows = await pageRows(sqlEm, group.map((k) => k.employer), first, after);
        for (const key of group) {
          const items = rows.get(key.employer) ?? [];
          const nodes = items.slice(0, first);
          pages.set(keyOf(key), {
            nodes,
            edges: nodes.map((node) => ({ cursor: encodeNoticeCursor(node), node })),
            pageInfo: {
              hasNextPage: items.length > first,
              // A cursor names an item, so something precedes the page whenever one is given.
              hasPreviousPage: after != null,
              startCursor: nodes.length ? encodeNoticeCursor(nodes[0]!) : null,
              endCursor: nodes.length ? encodeNoticeCursor(nodes[nodes.length - 1]!) : null,
            },
            totalCount: totals.get(key.employer) ?? 0,
          });
        }
      }
      return keys.map((key) => pages.get(keyOf(key))!);
    },
    { cacheKeyFn: keyOf },
  );
}

async function countByEmployer(em: SqlEntityManager, employers: string[]): Promise<Map<string, number>> {
  const employerColumn = em.getMetadata().get(MandatoryNotice.name).properties.employer.fieldNames[0]!;
  const query = em
    .createQueryBuilder(MandatoryNotice, 'n')
    .where({ employer: { $in: employers } })
    .getKnexQuery()
    .clearSelect()
    .select(`n.${employerColumn} as employer`)
    .count({ total: '*' })
    .groupBy(`n.${employerColumn}`);
  const rows = await em.execute<{ employer: string; total: number | string }[]>(query);
  return new Map(rows.map((r) => [r.employer, Number(r.total)]));
}

/** The first `first + 1` notices after the cursor of each employer, newest first (one more, to know whether a next page exists). */
async function pageRows(em: SqlEntityManager, employers: string[], first: number, after: NoticeCursor | null): Promise<Map<string, MandatoryNotice[]>> {
  const meta = em.getMetadata().get(MandatoryNotice.name);
  const column = (property: 'employer' | 'filedAt' | 'id') => `n.${meta.properties[property].fieldNames[0]!}`;
  const where: FilterQuery<MandatoryNotice> = after
    ? { employer: { $in: employers }, $or: [{ filedAt: { $lt: after.filedAt } }, { filedAt: after.filedAt, id: { $lt: after.id } }] }
    : { employer: { $in: employers } };
  const inner = em
    .createQueryBuilder(MandatoryNotice, 'n')
    .where(where)
    .getKnexQuery()
    .clearSelect()
    .select(column('id'))
    .select(em.getKnex().raw(`row_number() over (partition by ${column('employer')} order by ${column('filedAt')} desc, ${column('id')} desc) as rn`));
  const ranked = await em.execute<{ id: string }[]>(em.getKnex().select('id').from(inner.as('ranked')).where('rn', '<=', first + 1));
  const byEmployer = new Map<string, MandatoryNotice[]>();
  if (!ranked.length) return byEmployer;
  const notices = await em.find(
    MandatoryNotice,
    { id: { $in: ranked.map((r) => r.id) } },
    { orderBy: { filedAt: 'desc', id: 'desc' } },
  );
  for (const notice of notices) {
    const list = byEmployer.get(notice.employer.fiscalCode) ?? [];
    list.push(notice);
    byEmployer.set(notice.employer.fiscalCode, list);
  }
  return byEmployer;
}
