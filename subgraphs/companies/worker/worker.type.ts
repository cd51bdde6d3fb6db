import { Directive, Field, ObjectType } from 'type-graphql';
import { FiscalCodeScalar } from '../../lib/scalars';

/**
 * The person, owned by the workers subgraph. Companies refers to people by fiscal code (as
 * the notices do) and contributes their employment history.
 */
@Directive('@key(fields: "fiscalCode")')
@ObjectType({ description: 'A person known to the labour services (lavoratore); owned by the workers subgraph.' })
export class Worker {
  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Current codice fiscale (a provisional 11-digit code is possible).' })
  fiscalCode!: string;
}

/** A Worker stub for a fiscal code. */
export function workerStub(fiscalCode: string): Worker {
  return Object.assign(new Worker(), { fiscalCode });
}
