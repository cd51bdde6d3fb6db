import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';
import { DidChannel, DidStatus } from './availability.entity';

@InputType({ description: 'A new declaration of immediate availability (DID).' })
export class RegisterAvailabilityDeclarationInput {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the person declaring.' })
  fiscalCode!: string;

  @Field(() => DateScalar, { description: 'Date of the declaration; not in the future.' })
  declaredOn!: string;

  @Field(() => DidChannel, { description: 'Channel of the declaration.' })
  channel!: DidChannel;

  @Field(() => String, { description: 'Code of the competent job centre (a service point code).' })
  jobCentreCode!: string;

  @Field(() => String, { nullable: true, description: 'National identifier, when the coordination node has assigned one.' })
  nationalId?: string | null;
}

@InputType({ description: 'A change of state of a DID, along the transitions of the DID state machine.' })
export class ChangeAvailabilityDeclarationStatusInput {
  @Field(() => ID, { description: 'The DID to change.' })
  id!: string;

  @Field(() => DidStatus, { description: 'Requested state.' })
  status!: DidStatus;

  @Field(() => DateScalar, { description: 'Date the change takes effect; not before the current state date.' })
  effectiveOn!: string;

  @Field(() => String, { description: 'Reason for the change (motivo); required.' })
  reason!: string;
}
