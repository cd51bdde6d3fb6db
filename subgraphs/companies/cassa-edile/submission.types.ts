import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RegistrationState, ReturnSituation } from './cassa-edile.codes';
import { MonthlyReturn } from './monthly-return.entity';
import { CassaEdileRegistration } from './registration.entity';

/** Registrations one submission may carry. */
export const MAX_REGISTRATIONS = 500;
/** Returns one submission may carry. */
export const MAX_RETURNS = 200;
/** Worker lines one submission may carry, over all its returns. */
export const MAX_RETURN_LINES = 5000;

@InputType({ description: 'A firm registration as the Cassa Edile of the credential (token org) holds it; upserted by firm code.' })
export class CassaEdileRegistrationInput {
  @Field(() => String, { description: 'Firm code at the Cassa Edile (codice impresa), 8 digits.' })
  firmCode!: string;

  @Field(() => String, { description: 'Codice fiscale of the employer (a construction employer known to the graph).' })
  employerFiscalCode!: string;

  @Field(() => String, { description: 'Date of registration, YYYY-MM-DD, not in the future.' })
  registeredOn!: string;

  @Field(() => RegistrationState, { description: 'State of the registration.' })
  state!: RegistrationState;

  @Field(() => String, { nullable: true, description: 'Date of the suspension, YYYY-MM-DD: required when SUSPENDED.' })
  suspendedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Date of cessation, YYYY-MM-DD: required when CEASED.' })
  ceasedOn?: string | null;
}

@InputType({ description: 'The record of one worker in a monthly return.' })
export class MonthlyReturnLineInput {
  @Field(() => String, { description: 'Codice fiscale of the worker as written in the return: 16 characters (omocodic forms accepted) or a provisional 11-digit code.' })
  workerFiscalCode!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'CF override flag "F" (forzatura codice fiscale).' })
  fiscalCodeOverride?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Hire date (data assunzione), YYYY-MM-DD, not after the month.' })
  hireDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Hire type (tipo assunzione), CNCE code of 1-4 letters or digits.' })
  hireType?: string | null;

  @Field(() => Int, { nullable: true, description: 'Day of the month of the cessation (giorno cessazione), when the worker left in the month.' })
  cessationDay?: number | null;

  @Field(() => String, { nullable: true, description: 'Cessation type (tipo cessazione), CNCE code of 1-4 letters or digits.' })
  cessationType?: string | null;

  @Field(() => String, { nullable: true, description: 'Grade (livello di inquadramento), 1-10 characters.' })
  grade?: string | null;

  @Field(() => String, { nullable: true, description: 'Job (mansione), 2 digits; 00 for white-collar staff.' })
  job?: string | null;

  @Field(() => Float, { description: 'Hours worked in the month, overtime included; at most the workable hours plus the overtime.' })
  hoursWorked!: number;

  @Field(() => Float, { nullable: true, defaultValue: 0, description: 'Overtime hours.' })
  overtimeHours?: number | null;

  @Field(() => Float, { nullable: true, defaultValue: 0, description: 'Sickness hours.' })
  sicknessHours?: number | null;

  @Field(() => Float, { nullable: true, defaultValue: 0, description: 'Injury and occupational disease hours.' })
  injuryHours?: number | null;

  @Field(() => Float, { nullable: true, description: 'Workable hours of the month; when absent, weekdays × 8.' })
  workableHours?: number | null;
}

@InputType({ description: 'A monthly return (MUT) of a firm to the Cassa Edile of the credential; key (Cassa, firm code, year, month, sequence).' })
export class MonthlyReturnInput {
  @Field(() => String, { description: 'Firm code at the Cassa Edile (8 digits), of a registered firm.' })
  firmCode!: string;

  @Field(() => Int, { description: 'Year.' })
  year!: number;

  @Field(() => Int, { description: 'Month, 1-12, not after the current month.' })
  month!: number;

  @Field(() => Int, { description: 'Sequence, 1-99: higher than the one in force for a replacement return (denuncia sostitutiva).' })
  sequence!: number;

  @Field(() => ReturnSituation, { description: 'Situation: NORMAL, SUSPENDED (code 3) or NO_EMPLOYEES (code 5, no lines).' })
  situation!: ReturnSituation;

  @Field(() => [MonthlyReturnLineInput], { description: 'The workers of the month; none for NO_EMPLOYEES.' })
  lines!: MonthlyReturnLineInput[];
}

/** What became of one submitted item. */
export enum SubmissionStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(SubmissionStatus, {
  name: 'CassaEdileSubmissionStatus',
  description: 'Outcome of one submitted registration or monthly return.',
  valuesConfig: {
    CREATED: { description: 'Stored as new.' },
    UPDATED: { description: 'A registration submitted before whose data changed.' },
    UNCHANGED: { description: 'A registration submitted before with the same data.' },
    REJECTED: { description: 'Not stored: see problems.' },
  },
});

@ObjectType({ description: 'A problem of one submitted item: the field (path inside the item) and what is wrong, never the value.' })
export class CassaEdileSubmissionProblem {
  @Field(() => String, { nullable: true, description: 'Path inside the item (`firmCode`, `lines.3.hoursWorked`).' })
  path!: string;

  @Field(() => String, { nullable: true, description: 'What is wrong.' })
  message!: string;
}

@ObjectType({ description: 'The outcome of one submitted registration, in the order submitted.' })
export class RegistrationSubmissionItem {
  @Field(() => Int, { nullable: true, description: 'Position in the submission, from 0.' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'Firm code as submitted.' })
  firmCode!: string;

  @Field(() => SubmissionStatus, { nullable: true, description: 'What became of it.' })
  status!: SubmissionStatus;

  @Field(() => CassaEdileRegistration, { nullable: true, description: 'The stored registration (null when rejected).' })
  registration!: CassaEdileRegistration | null;

  @Field(() => [CassaEdileSubmissionProblem], { nullable: true, description: 'Why it was rejected; empty otherwise.' })
  problems!: CassaEdileSubmissionProblem[];
}

@ObjectType({ description: 'The outcome of a submission of registrations: valid items are stored, the others come back with their problems.' })
export class RegistrationSubmissionResult {
  @Field(() => Int, { nullable: true, description: 'Registrations added.' }) created!: number;
  @Field(() => Int, { nullable: true, description: 'Registrations whose data changed.' }) updated!: number;
  @Field(() => Int, { nullable: true, description: 'Registrations submitted again with the same data.' }) unchanged!: number;
  @Field(() => Int, { nullable: true, description: 'Registrations not stored.' }) rejected!: number;
  @Field(() => [RegistrationSubmissionItem], { nullable: true, description: 'One per submitted registration, in order.' }) items!: RegistrationSubmissionItem[];
}

@ObjectType({ description: 'The outcome of one submitted monthly return, in the order submitted.' })
export class ReturnSubmissionItem {
  @Field(() => Int, { nullable: true, description: 'Position in the submission, from 0.' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'Firm code as submitted.' })
  firmCode!: string;

  @Field(() => SubmissionStatus, { nullable: true, description: 'CREATED or REJECTED (returns are never updated: a change is a replacement with a higher sequence).' })
  status!: SubmissionStatus;

  @Field(() => MonthlyReturn, { nullable: true, description: 'The stored return (null when rejected).' })
  monthlyReturn!: MonthlyReturn | null;

  @Field(() => Int, { nullable: true, description: 'Sequence of the return this one replaced (now REPLACED); null when it replaced none.' })
  replacedSequence!: number | null;

  @Field(() => [CassaEdileSubmissionProblem], { nullable: true, description: 'Why it was rejected; empty otherwise.' })
  problems!: CassaEdileSubmissionProblem[];
}

@ObjectType({ description: 'The outcome of a submission of monthly returns: valid returns are stored in one transaction, the others come back with their problems.' })
export class ReturnSubmissionResult {
  @Field(() => Int, { nullable: true, description: 'Returns stored.' }) created!: number;
  @Field(() => Int, { nullable: true, description: 'Returns stored that replaced an earlier sequence.' }) replacements!: number;
  @Field(() => Int, { nullable: true, description: 'Returns not stored.' }) rejected!: number;
  @Field(() => [ReturnSubmissionItem], { nullable: true, description: 'One per submitted return, in order.' }) items!: ReturnSubmissionItem[];
}
