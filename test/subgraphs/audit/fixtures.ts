import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { type AuditRegistry } from '../../../subgraphs/lib/audit';
import { type Database, initOrm } from '../../../subgraphs/lib/orm';
import { createTestDatabase, type TestDatabase } from '../../utils/database';
import { person } from '../../utils/people';
import { employer } from './support';

/** A row of personal data, standing for a subgraph's entities in the audit tests. */
@Entity({ tableName: 'audited_person' })
export class AuditedPerson {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 16 })
  fiscalCode!: string;

  @Property({ type: 'string', length: 100 })
  lastName!: string;

  @Property({ type: 'string', length: 10 })
  birthDate!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  employerCode!: string | null;
}

/** How an AuditedPerson names whom it concerns. */
export const registry: AuditRegistry = {
  AuditedPerson: (row: AuditedPerson) => ({ people: [row.fiscalCode], employers: [row.employerCode] }),
};

/** People 1-4; 1 and 2 work for employer 1. */
export const PEOPLE = [1, 2, 3, 4].map((n) => ({
  id: n,
  fiscalCode: person(n).fiscalCode,
  lastName: person(n).lastName!,
  birthDate: person(n).birthDate!,
  employerCode: n <= 2 ? employer(1) : null,
}));

/** A database with the AuditedPerson table holding {@link PEOPLE}. */
export async function createPeopleDatabase(label: string): Promise<{ db: Database; close: () => Promise<void> }> {
  const database: TestDatabase = await createTestDatabase(label);
  const db = await initOrm({ entities: [AuditedPerson], databaseUrl: database.url, migrations: { sqlite: [], postgresql: [] } });
  await db.orm.getSchemaGenerator().createSchema();
  await db.orm.em.fork().insertMany(AuditedPerson, PEOPLE);
  return {
    db,
    close: async () => {
      await db.orm.close(true);
      await database.drop();
    },
  };
}
