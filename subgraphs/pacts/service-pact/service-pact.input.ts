import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';
import { GolPathway, ServicePactProgramme, ServicePactState } from './service-pact.entity';

@InputType({ description: "The SFL beneficiary's digital activation pact (PAD), signed on SIISL, as the job centre records it with the PSP that follows it." })
export class SflActivationPactInput {
  @Field(() => DateScalar, { description: 'Date the person signed the PAD: on or before the proposal of the pact, not in the future; the person must be aged 18 to 59 on it.' })
  signedOn!: string;

  @Field(() => [String], { description: 'Codes of the employment agencies or authorised intermediaries the person chose in the PAD: at least 3 different ones.' })
  intermediaries!: string[];
}

@InputType({ description: 'A new service pact (PSP), recorded as PROPOSED.' })
export class CreateServicePactInput {
  @Field(() => ID, { description: 'Id of the person (Worker.id).' })
  workerId!: string;

  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the person, stored with the pact for the status checks.' })
  fiscalCode!: string;

  @Field(() => String, { description: 'Code of the job centre (a service point code) proposing the pact.' })
  jobCentreCode!: string;

  @Field(() => ServicePactProgramme, { description: 'Programme of the pact.' })
  programme!: ServicePactProgramme;

  @Field(() => GolPathway, { nullable: true, description: 'GOL pathway: required when the programme is GOL, not allowed otherwise.' })
  golPathway?: GolPathway | null;

  @Field(() => DateScalar, { description: 'Date of the proposal; not in the future.' })
  proposedOn!: string;

  @Field(() => SflActivationPactInput, {
    nullable: true,
    description: "The person's SFL digital activation pact: required when the programme is SFL, not allowed otherwise (PAD before PSP). An ADI pact needs instead the member's PAD already recorded by the social services.",
  })
  sflActivationPact?: SflActivationPactInput | null;
}

@InputType({ description: 'The signature of a proposed service pact.' })
export class SignServicePactInput {
  @Field(() => ID, { description: 'The pact to sign.' })
  id!: string;

  @Field(() => DateScalar, { description: 'Date of the signature: not before the proposal, not in the future.' })
  signedOn!: string;
}

@InputType({ description: 'A change of state of a service pact, along its state machine (signing has its own mutation).' })
export class ChangeServicePactStateInput {
  @Field(() => ID, { description: 'The pact to change.' })
  id!: string;

  @Field(() => ServicePactState, { description: 'Requested state.' })
  state!: ServicePactState;

  @Field(() => DateScalar, { description: 'Date the change takes effect: not before the current state date, not in the future.' })
  effectiveOn!: string;

  @Field(() => String, { description: 'Reason for the change (motivo, e.g. the sanction for LAPSED); required.' })
  reason!: string;
}
