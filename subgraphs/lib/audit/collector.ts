import { type EntityManager, type EventArgs, type EventSubscriber } from '@mikro-orm/core';
import { AuditKind } from './audit-record.entity';

type Key = string | null | undefined;

/**
 * What one request did with personal data, gathered while it runs and written as one
 * audit record when it ends (`auditPlugin`): the people and employers concerned, the
 * schema coordinates released and refused. One per request and subgraph.
 */
export class AuditCollector {
  readonly requestId: string;
  readonly people = new Set<string>();
  readonly employers = new Set<string>();
  readonly released = new Set<string>();
  readonly refused = new Set<string>();
  /** `ACCESS` unless the request is an export, an administration or a security event. */
  kind: AuditKind = AuditKind.ACCESS;
  /** Coded note (`RATE_LIMITED`), never free text. */
  detail: string | null = null;
  /** Set when the request must leave a record even if it touched no one (a refused request, an administration). */
  forced = false;
  /** Entity managers bound to this collector (the request's fork and the forks made from it). */
  private readonly entityManagers = new Set<EntityManager>();

  constructor(options: { requestId: string }) {
    this.requestId = options.requestId;
  }

  /** Fiscal codes of people whose data the request read or wrote; empty values are ignored. */
  addPeople(...codes: Key[]): this {
    for (const code of codes) if (code) this.people.add(code);
    return this;
  }

  /** Fiscal codes of employers whose data the request read or wrote. */
  addEmployers(...codes: Key[]): this {
    for (const code of codes) if (code) this.employers.add(code);
    return this;
  }

  /** A schema coordinate (`Worker.birthDate`) the caller was refused. */
  refuse(coordinate: string): this {
    this.refused.add(coordinate);
    return this;
  }

  /** A schema coordinate released (normally computed from the operation; see `releasedCoordinates`). */
  release(coordinate: string): this {
    this.released.add(coordinate);
    return this;
  }

  /** Marks the request as another kind of event, which is recorded whatever it touched. */
  mark(kind: AuditKind, detail: string | null = null): this {
    this.kind = kind;
    this.detail = detail;
    this.forced = true;
    return this;
  }

  /** @internal Called by {@link bindCollector}. */
  attach(em: EntityManager): void {
    this.entityManagers.add(em);
  }

  /**
   * Delivers the load events MikroORM still holds: rows loaded by a query builder
   * (`getResultList`) reach subscribers only at the next `find` of the same entity
   * manager, or never. `auditPlugin` calls this before writing the record.
   */
  async settle(): Promise<void> {
    for (const em of this.entityManagers) {
      // Not in MikroORM's typings (marked internal), hence the guard; a test pins the behaviour.
      const unitOfWork = em.getUnitOfWork(false) as unknown as { dispatchOnLoadEvent?: () => Promise<void> };
      await unitOfWork.dispatchOnLoadEvent?.();
    }
  }

  /** True when the request concerned someone or was refused something. */
  get touched(): boolean {
    return this.people.size > 0 || this.employers.size > 0 || this.refused.size > 0;
  }
}

const collectors = new WeakMap<EntityManager, AuditCollector>();

/**
 * Makes `collector` receive the people and employers of every entity `em` loads, and
 * of every fork of it (MikroORM forks internally for transactions, refresh and
 * `disableIdentityMap` reads, and fires `onLoad` with the fork).
 */
export function bindCollector(em: EntityManager, collector: AuditCollector): void {
  if (collectors.get(em) === collector) return;
  collectors.set(em, collector);
  collector.attach(em);
  const fork = em.fork;
  em.fork = function forkWithCollector(this: EntityManager, ...args: Parameters<EntityManager['fork']>) {
    const child = fork.apply(this, args);
    bindCollector(child, collector);
    return child;
  } as EntityManager['fork'];
}

/** The collector bound to an entity manager, if any. */
export function boundCollector(em: EntityManager): AuditCollector | undefined {
  return collectors.get(em);
}

/** What an entity says about whom it concerns. */
export type AuditSubjects = { people?: readonly Key[]; employers?: readonly Key[] };

/** Entity class name → how to read the fiscal codes an entity concerns. */
export type AuditRegistry = Record<string, (entity: never) => AuditSubjects>;

/**
 * A MikroORM subscriber that adds to the request's collector (found through the entity
 * manager at work, see {@link bindCollector}) the people and employers of every entity
 * of a registered class loaded from the database, or created, updated or deleted by a
 * flush. Register it once on the ORM:
 * `db.orm.em.getEventManager().registerSubscriber(auditSubscriber(registry))`.
 * Rows read with raw SQL or only counted are not seen: add them to the collector by hand.
 */
export function auditSubscriber(registry: AuditRegistry): EventSubscriber {
  const record = (args: EventArgs<object>): void => {
    const collector = collectors.get(args.em);
    const subjectsOf = registry[args.meta.className] as ((entity: object) => AuditSubjects) | undefined;
    if (!collector || !subjectsOf) return;
    const subjects = subjectsOf(args.entity);
    collector.addPeople(...(subjects.people ?? []));
    collector.addEmployers(...(subjects.employers ?? []));
  };
  return {
    getSubscribedEntities: () => Object.keys(registry),
    onLoad: record,
    afterCreate: record,
    afterUpdate: record,
    afterDelete: record,
  };
}
