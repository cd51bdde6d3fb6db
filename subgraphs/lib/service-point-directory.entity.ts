import { Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** Kinds of service point between which people are referred (domain.md §1.1, §9); the referrals subgraph owns the directory and describes them in its schema. */
export enum ServicePointKind {
  JOB_CENTRE = 'JOB_CENTRE',
  JOB_CENTRE_DESK = 'JOB_CENTRE_DESK',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
  SOCIAL_DESK = 'SOCIAL_DESK',
  CASSA_EDILE = 'CASSA_EDILE',
  PATRONATO = 'PATRONATO',
}

/** The kinds of service point that hold DIDs and service pacts: a job centre or one of its decentralised desks. */
export const JOB_CENTRE_KINDS: readonly ServicePointKind[] = [ServicePointKind.JOB_CENTRE, ServicePointKind.JOB_CENTRE_DESK];

/**
 * Where each service point is: reference data replicated from the directory of the
 * referrals subgraph, which owns service points, into the subgraphs that file records
 * against a service point (workers: DIDs; pacts: service and inclusion pacts). They need
 * it to check the point named by a new record and to place a record in an operator's
 * territory (the CPI_OPERATOR row scope), in SQL. Not exposed in the schema:
 * `ServicePoint` stays a reference to the referrals subgraph. Seeded from the data set;
 * a later issue keeps it in sync from the referrals subgraph's events.
 */
@Entity({ tableName: 'service_point_directory' })
export class ServicePointDirectoryEntry {
  [PrimaryKeyProp]?: 'code';

  /** Service-point code (e.g. CPI-015-MILANO). */
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Enum({ items: () => ServicePointKind, type: 'string' })
  kind!: ServicePointKind;

  /** ISTAT municipality code of the seat. */
  @Index()
  @Property({ type: 'string', length: 6 })
  municipality!: string;

  /** Three-digit ISTAT province code of the seat. */
  @Property({ type: 'string', length: 3 })
  province!: string;

  /** The public-housing neighbourhood a job-centre desk serves (ServicePoint.neighbourhood); null for other points. */
  @Property({ type: 'string', length: 100, nullable: true })
  neighbourhood?: string | null;
}
