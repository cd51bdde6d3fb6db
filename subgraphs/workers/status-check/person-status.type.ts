import { Directive, Field, ObjectType } from 'type-graphql';
import { FiscalCodeScalar } from '../../lib/scalars';

/**
 * The status checks of the RdC interoperability plan (§1.3), keyed by fiscal code.
 * This subgraph answers the DID check; the pacts subgraph adds the work-pact check.
 */
@Directive('@key(fields: "fiscalCode")')
@ObjectType({ description: 'Status of a person for the RdC interoperability checks (verifica DID e patto): the DID side comes from the workers subgraph, the pact side from the pacts subgraph.' })
export class PersonStatus {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale the check is about.' })
  fiscalCode!: string;

  /** The person, as loaded through the caller's PersonStatus scope (never taken from a representation). */
  workerId!: string;
}
