import { Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** Kinds of service point, as the referrals subgraph's directory records them. */
export enum DirectoryKind {
  JOB_CENTRE = 'JOB_CENTRE',
  JOB_CENTRE_DESK = 'JOB_CENTRE_DESK',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
  SOCIAL_DESK = 'SOCIAL_DESK',
  CASSA_EDILE = 'CASSA_EDILE',
  PATRONATO = 'PATRONATO',
}

/** Kinds of service point that may hold a service pact: a job centre or one of its decentralised desks. */
export const JOB_CENTRE_KINDS: readonly DirectoryKind[] = [DirectoryKind.JOB_CENTRE, DirectoryKind.JOB_CENTRE_DESK];

/**
 * Where a service point is: reference data replicated from the directory of the
 * referrals subgraph (which owns `ServicePoint`), so that this database can tell the
 * territory of a service pact from its job centre, in SQL, and refuse a pact at an
 * unknown job centre or an inclusion pact with unknown social services. Not exposed in
 * the schema (the graph's `ServicePoint` is the referrals one); no personal data.
 */
@Entity({ tableName: 'service_point_directory' })
export class ServicePointDirectoryEntry {
  /** Tells MikroORM's types that the key is `code`, so that filters may use bare codes. */
  [PrimaryKeyProp]?: 'code';

  /** Service-point code, as in the referrals directory. */
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Enum({ items: () => DirectoryKind, type: 'string' })
  kind!: DirectoryKind;

  /** ISTAT municipality code of the point: the territory its pacts belong to. */
  @Index()
  @Property({ type: 'string', length: 6 })
  municipality!: string;

  /** ISTAT province code (3 digits). */
  @Property({ type: 'string', length: 3 })
  province!: string;
}
