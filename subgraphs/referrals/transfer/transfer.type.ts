import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { FiscalCodeScalar } from '../../lib/scalars';
import { CompetenceRule } from '../competence/competence';
import { Referral } from '../referral/referral.entity';
import { ServicePoint } from '../service-point/service-point.entity';

/** Outcome (esito) of sending one person to another service. */
export enum TransferOutcome {
  SENT = 'SENT',
  ALREADY_REFERRED = 'ALREADY_REFERRED',
  NOT_FOUND = 'NOT_FOUND',
  NO_COMPETENT_SERVICE = 'NO_COMPETENT_SERVICE',
}
registerEnumType(TransferOutcome, {
  name: 'TransferOutcome',
  description: 'Outcome (esito) of sending one person to the competent service. Only SENT writes anything.',
  valuesConfig: {
    SENT: { description: 'A referral was written and SENT to the competent service point.' },
    ALREADY_REFERRED: { description: 'An open referral of the person in the same direction exists: it is returned and nothing is written (a re-send is idempotent).' },
    NOT_FOUND: {
      description:
        "The platform does not know the person, or the person is not in the charge of a service of the caller's territory (their municipality for social services, the competent job centre for a job centre). The two are not told apart, as for every row outside a caller's scope: nothing is written and nothing is said of the person.",
    },
    NO_COMPETENT_SERVICE: { description: 'No competent service point (job centre or social services) can be determined: nothing is written.' },
  },
});

@ObjectType({ description: 'The outcome of sending one person to the competent service, and the referral the receiving service works from.' })
export class PersonTransfer {
  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the person, as given.' })
  fiscalCode!: string;

  @Field(() => TransferOutcome, { nullable: true, description: 'Outcome (esito).' })
  outcome!: TransferOutcome;

  @Field(() => Referral, { nullable: true, description: 'The referral written (SENT) or already open (ALREADY_REFERRED); null otherwise. Its worker is what the receiving service needs to convene the person (identity, domicile, household), released by the access policy.' })
  referral?: Referral | null;

  @Field(() => ServicePoint, { nullable: true, description: 'The competent receiving service point; null when none could be determined or the person is unknown.' })
  competentServicePoint?: ServicePoint | null;

  @Field(() => CompetenceRule, { nullable: true, description: 'The rule that made the service point competent.' })
  competenceRule?: CompetenceRule | null;
}

@ObjectType({ description: 'Result of referHouseholdMembersToJobCentre: one outcome per member, in the order given.' })
export class ReferHouseholdMembersToJobCentreResult {
  @Field(() => [PersonTransfer], { nullable: true, description: 'One outcome per member, in the order given.' })
  members!: PersonTransfer[];
}

@ObjectType({ description: 'Result of referToSocialServices.' })
export class ReferToSocialServicesResult {
  @Field(() => PersonTransfer, { nullable: true, description: 'The outcome for the person.' })
  person!: PersonTransfer;
}
