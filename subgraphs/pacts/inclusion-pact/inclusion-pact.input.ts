import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { InclusionPactState } from './inclusion-pact.entity';

@InputType({ description: 'A household handed to the social services after its digital activation pact (PAD): a new PaIS, recorded as TO_CONVENE.' })
export class CreateSocialInclusionPactInput {
  @Field(() => ID, { description: 'The household (Household.id).' })
  householdId!: string;

  @Field(() => IstatMunicipalityCodeScalar, { description: 'Municipality whose social services take the case, ISTAT code.' })
  municipality!: string;

  @Field(() => String, { description: 'Code of the social services in charge (a service point code).' })
  socialServicesCode!: string;

  @Field(() => DateScalar, { description: 'Date the PAD was signed; the PAD comes before the PaIS (DL 48/2023), so not in the future.' })
  padSignedOn!: string;
}

@InputType({ description: 'A change of state of a social inclusion pact, along its state machine.' })
export class ChangeSocialInclusionPactStateInput {
  @Field(() => ID, { description: 'The pact to change.' })
  id!: string;

  @Field(() => InclusionPactState, { description: 'Requested state.' })
  state!: InclusionPactState;

  @Field(() => DateScalar, { description: 'Date the change takes effect (the signature date for SIGNED): not before the current state date, not in the future.' })
  effectiveOn!: string;

  @Field(() => String, { description: 'Reason for the change (motivo); required.' })
  reason!: string;
}
