import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A person, owned by the workers subgraph. This subgraph refers to people by their
 * immutable id and adds the fields it owns (service pacts, household).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person known to the labour services (lavoratore); owned by the workers subgraph.' })
export class Worker {
  @Field(() => ID, { description: 'Internal immutable identifier of the person.' })
  id!: string;
}

/** The Worker reference for a stored worker id. */
export function workerRef(id: string): Worker {
  return Object.assign(new Worker(), { id });
}
