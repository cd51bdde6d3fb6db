import { type EntityManager } from '@mikro-orm/core';
import { type SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditCollector, auditSubscriber, bindCollector, boundCollector } from '../../../subgraphs/lib/audit';
import { type Database } from '../../../subgraphs/lib/orm';
import { testPlatform } from '../../utils/database';
import { person } from '../../utils/people';
import { AuditedPerson, createPeopleDatabase, PEOPLE, registry } from './fixtures';
import { employer } from './support';

describe(`the audit subscriber, on ${testPlatform()}`, () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await createPeopleDatabase('audit_subscriber'));
    db.orm.em.getEventManager().registerSubscriber(auditSubscriber(registry));
  });
  afterAll(() => close());

  /** A request's entity manager: a fork of the ORM's, with its collector bound. */
  function request(id: string): { em: EntityManager; collector: AuditCollector } {
    const em = db.orm.em.fork() as EntityManager;
    const collector = new AuditCollector({ requestId: id });
    bindCollector(em, collector);
    return { em, collector };
  }

  it('records the people and employers of every row em.find loads in a request fork', async () => {
    const { em, collector } = request('req-find-0001');
    const rows = await em.find(AuditedPerson, { id: { $in: [1, 3] } });
    expect(rows).toHaveLength(2);
    expect([...collector.people].sort()).toEqual([person(1).fiscalCode, person(3).fiscalCode].sort());
    expect([...collector.employers]).toEqual([employer(1)]);
    expect(boundCollector(em)).toBe(collector);
  });

  it('records rows loaded by findOne, inside a transaction, without the identity map and by findByCursor', async () => {
    const { em, collector } = request('req-ways-0001');
    await em.findOne(AuditedPerson, { id: 1 });
    await em.transactional((tx) => tx.find(AuditedPerson, { id: 2 }));
    await em.find(AuditedPerson, { id: 3 }, { disableIdentityMap: true });
    expect([...collector.people].sort()).toEqual([1, 2, 3].map((n) => person(n).fiscalCode).sort());
    await em.findByCursor(AuditedPerson, {}, { first: 4, orderBy: { id: 'asc' } });
    expect([...collector.people].sort()).toEqual(PEOPLE.map((p) => p.fiscalCode).sort());
  });

  it('records rows loaded by a query builder once the collector settles (MikroORM defers their load events)', async () => {
    const { em, collector } = request('req-qb-000001');
    await (em as SqlEntityManager).createQueryBuilder(AuditedPerson).where({ id: 2 }).getResultList();
    await collector.settle();
    expect([...collector.people]).toEqual([person(2).fiscalCode]);
  });

  it('keeps concurrent requests apart: each collector sees only its own rows', async () => {
    const first = request('req-apart-001');
    const second = request('req-apart-002');
    await Promise.all([first.em.find(AuditedPerson, { id: 1 }), second.em.find(AuditedPerson, { id: 4 })]);
    expect([...first.collector.people]).toEqual([person(1).fiscalCode]);
    expect([...second.collector.people]).toEqual([person(4).fiscalCode]);
  });

  it('ignores an entity manager without a collector', async () => {
    const em = db.orm.em.fork();
    await expect(em.find(AuditedPerson, {})).resolves.toHaveLength(4);
    expect(boundCollector(em as EntityManager)).toBeUndefined();
  });

  it('records the people of rows created, updated and deleted by a flush', async () => {
    const { em, collector } = request('req-write-001');
    em.create(AuditedPerson, { id: 9, fiscalCode: person(9).fiscalCode, lastName: 'Sala', birthDate: '1970-01-01', employerCode: null });
    await em.flush();
    expect([...collector.people]).toEqual([person(9).fiscalCode]);

    const other = request('req-write-002');
    const row = await other.em.findOneOrFail(AuditedPerson, { id: 9 });
    other.collector.people.clear();
    row.lastName = 'Villa';
    await other.em.flush();
    other.em.remove(row);
    await other.em.flush();
    expect([...other.collector.people]).toEqual([person(9).fiscalCode]);
  });
});
