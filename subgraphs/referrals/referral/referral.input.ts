import { Field, ID, InputType } from 'type-graphql';
import { FiscalCodeScalar } from '../../lib/scalars';
import { ReferralLegalBasis, ReferralReason } from './referral.entity';

@InputType({ description: 'A new referral of a person from one service point to another.' })
export class CreateReferralInput {
  @Field(() => ID, { description: 'Code of the sending service point.' })
  fromCode!: string;

  @Field(() => ID, { description: 'Code of the receiving service point; must differ from the sender.' })
  toCode!: string;

  @Field(() => ID, { description: 'Id of the person referred (the Worker id of the workers subgraph).' })
  workerId!: string;

  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the person referred.' })
  fiscalCode!: string;

  @Field(() => ReferralReason, { description: 'Coded reason (motivo).' })
  reason!: ReferralReason;

  @Field(() => String, {
    nullable: true,
    description: 'Written motivation (motivazione). Required, at least 20 characters, from a job centre or one of its desks to social services (DL 4/2019: a written reason after an interview at the CPI).',
  })
  motivation?: string | null;

  @Field(() => ReferralLegalBasis, { description: 'Legal basis; CONSENT when the sender is a sportello sociale.' })
  legalBasis!: ReferralLegalBasis;

  @Field(() => Boolean, { defaultValue: true, description: 'True (the default) sends the referral at once (state SENT); false keeps it as a DRAFT.' })
  send!: boolean;
}

@InputType({ description: 'The rejection of a sent referral by the receiving service point.' })
export class RejectReferralInput {
  @Field(() => ID, { description: 'The referral to reject.' })
  id!: string;

  @Field(() => String, { description: 'Why it is rejected (motivo del rifiuto); required, at most 500 characters.' })
  reason!: string;
}

@InputType({ description: 'The closing of a referral taken in charge, with its outcome.' })
export class CloseReferralInput {
  @Field(() => ID, { description: 'The referral to close.' })
  id!: string;

  @Field(() => String, { description: 'Outcome (esito); required, at most 500 characters.' })
  outcome!: string;
}
