import { Directive, Field, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { ServicePactState } from '../service-pact/service-pact.entity';

/**
 * A person's status for the checks of the RdC interoperability plan (Annex 5 §1.3). The
 * entity is shared: this subgraph contributes the work-pact side, the workers subgraph
 * the DID side, both keyed by fiscal code.
 */
@Directive('@key(fields: "fiscalCode")')
@ObjectType({
  description:
    "A person's status for the inter-platform checks of the RdC interoperability plan (Annex 5 §1.3): the work-pact check (\"Sottoscrizione Patto per il lavoro\") is answered by the pacts subgraph, the DID check (\"Verifica Sottoscrizione DID\") by the DID fields that the workers subgraph contributes to the same entity.",
})
export class PersonStatus {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the person checked.' })
  fiscalCode!: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Work-pact check: true when the person has signed a service pact that is active now (SIGNED or IN_PROGRESS), false when they have none. The status exists for the people in the caller\'s scope: for a job centre, those with a pact or household of its territory; for social services, the members of households of their municipality; for a citizen, themselves (with no pact: false).',
  })
  servicePactActive!: boolean;

  @Field(() => ServicePactState, { nullable: true, description: 'State of the most relevant service pact: the active one, else the most recent; null when the person has none.' })
  servicePactState!: ServicePactState | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of that state (data stato); null when the person has no service pact.' })
  servicePactStateDate!: string | null;
}

@ObjectType({
  description:
    'Answer of the RdC plan status checks (Annex 5 §1.3, "Sottoscrizione Patto per il lavoro" and "Verifica Sottoscrizione DID") for a person and the other members of their household: whether each has signed a work pact (service pact) and a DID that are active at the time of the question. The pact fields come from the pacts subgraph; the DID fields of PersonStatus come from the workers subgraph.',
})
export class EmploymentStatusCheck {
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the check was made: the answer holds at this instant.' })
  checkedAt!: Date;

  @Field(() => PersonStatus, { nullable: true, description: 'The person asked about.' })
  person!: PersonStatus | null;

  @Field(() => [PersonStatus], {
    nullable: true,
    description: "The other members of the person's household (nucleo familiare) whose status the caller may see; empty when the person belongs to no known household.",
  })
  householdMembers!: PersonStatus[];
}
