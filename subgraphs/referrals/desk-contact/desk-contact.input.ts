import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { ConsentRecording, DeskNeed, DeskUserType, OrientationOutcome } from './desk-contact.codes';

@InputType({ description: 'The person\'s consent, recorded with the privacy notice (protocollo art. 5).' })
export class DeskConsentInput {
  @Field(() => DateTimeScalar, { description: 'When the person gave consent; not in the future.' })
  givenAt!: Date;

  @Field(() => ConsentRecording, { description: 'How it was recorded.' })
  recordedAs!: ConsentRecording;
}

@InputType({ description: 'A contact at a sportello sociale.' })
export class RegisterDeskContactInput {
  @Field(() => ID, { description: 'Code of the sportello sociale (a SOCIAL_DESK service point), or of a job-centre desk in a public-housing neighbourhood for an outreach contact.' })
  deskCode!: string;

  @Field(() => DeskConsentInput, { nullable: true, description: 'The person\'s consent: required (nullable only so that its absence is listed with every other problem).' })
  consent?: DeskConsentInput | null;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale; omit for anonymous information and orientation. A referral needs it.' })
  fiscalCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person\'s Worker id (workers subgraph), with the fiscal code; a referral needs it.' })
  workerId?: string | null;

  @Field(() => DeskUserType, { description: 'Tipologia di utenza.' })
  userType!: DeskUserType;

  @Field(() => DeskNeed, { description: 'Bisogno manifestato.' })
  need!: DeskNeed;

  @Field(() => OrientationOutcome, { description: 'Esito dell\'orientamento.' })
  outcome!: OrientationOutcome;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person came; default now; not in the future.' })
  contactedAt?: Date | null;
}

@InputType({ description: 'A referral of a desk contact to a competent service, on the person\'s consent.' })
export class ReferFromDeskContactInput {
  @Field(() => ID, { description: 'The desk contact.' })
  id!: string;

  @Field(() => ID, { description: 'Code of the receiving service point: social services (SOCIAL_SERVICES), a job-centre desk (JOB_CENTRE_DESK) or a Cassa Edile (CASSA_EDILE).' })
  toCode!: string;

  @Field(() => String, { description: 'Written motivation (motivazione), at most 2000 characters.' })
  motivation!: string;
}

@InputType({ description: 'A period of whole days, both ends included (Europe/Rome).' })
export class DeskStatisticsPeriodInput {
  @Field(() => DateScalar, { description: 'First day.' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day; at most 36 months after the first.' })
  to!: string;
}
