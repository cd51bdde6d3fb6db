import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { Employer } from '../employer/employer.entity';
import { ReturnSituation, ReturnState } from './cassa-edile.codes';
import { CassaEdileRegistration } from './registration.entity';

@ObjectType({ description: 'A monthly return (denuncia mensile MUT, domain.md §10.2) of a firm to its Cassa Edile.' })
@Entity({ tableName: 'monthly_return' })
@Unique({ properties: ['cassaCode', 'firmCode', 'year', 'month', 'sequence'] })
@Index({ properties: ['cassaCode', 'year', 'month', 'state'] })
export class MonthlyReturn {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { nullable: true, description: 'Code of the Cassa Edile (4 characters).' })
  @Property({ type: 'string', length: 4 })
  cassaCode!: string;

  @Field(() => String, { nullable: true, description: 'Firm code at the Cassa Edile (codice impresa, 8 digits).' })
  @Property({ type: 'string', length: 8 })
  firmCode!: string;

  @ManyToOne(() => CassaEdileRegistration, { deleteRule: 'cascade' })
  registration!: CassaEdileRegistration;

  /** The registered employer (for the row scope and the audit trail). */
  @ManyToOne(() => Employer, { deleteRule: 'cascade' })
  employer!: Employer;

  @Field(() => Int, { nullable: true, description: 'Year of the return.' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month of the return, 1-12.' })
  @Property({ type: 'integer' })
  month!: number;

  @Field(() => Int, { nullable: true, description: 'Sequence of the return for its firm and month: a higher one is a replacement (denuncia sostitutiva).' })
  @Property({ type: 'integer' })
  sequence!: number;

  @Field(() => ReturnSituation, { nullable: true, description: 'Situation of the firm (normal, code 3 suspension, code 5 no employees).' })
  @Enum({ items: () => ReturnSituation, type: 'string' })
  situation!: ReturnSituation;

  @Field(() => ReturnState, { nullable: true, description: 'ACQUIRED while in force, REPLACED once a later sequence arrived.' })
  @Enum({ items: () => ReturnState, type: 'string' })
  state: Opt<ReturnState> = ReturnState.ACQUIRED;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the return was received.' })
  @Property({ type: 'datetime' })
  receivedAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When retention deleted the return's worker lines (the verification of its month closed, or the retention limit after receipt passed); the month cannot be reconciled again.",
  })
  @Property({ type: 'datetime', nullable: true })
  linesErasedAt?: Date | null;

  @OneToMany(() => MonthlyReturnLine, (line) => line.monthlyReturn)
  lineRows = new Collection<MonthlyReturnLine>(this);
}

@ObjectType({ description: 'The record of one worker in a monthly return (dati del lavoratore, MUT specification).' })
@Entity({ tableName: 'monthly_return_line' })
@Index({ properties: ['workerFiscalCode'] })
export class MonthlyReturnLine {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => MonthlyReturn, { deleteRule: 'cascade' })
  monthlyReturn!: MonthlyReturn;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the worker as written in the return (a provisional 11-digit code is possible).' })
  @Property({ type: 'string', length: 16 })
  workerFiscalCode!: string;

  @Field(() => Boolean, { nullable: true, description: 'CF override flag "F" (forzatura codice fiscale): the code was forced past the check.' })
  @Property({ type: 'boolean', default: false })
  fiscalCodeOverride: Opt<boolean> = false;

  @Field(() => DateScalar, { nullable: true, description: 'Hire date (data assunzione).' })
  @Property({ type: 'date', nullable: true })
  hireDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Hire type (tipo assunzione), CNCE code.' })
  @Property({ type: 'string', length: 4, nullable: true })
  hireType?: string | null;

  @Field(() => Int, { nullable: true, description: 'Day of the month of the cessation (giorno cessazione); null when the worker did not leave.' })
  @Property({ type: 'integer', nullable: true })
  cessationDay?: number | null;

  @Field(() => String, { nullable: true, description: 'Cessation type (tipo cessazione), CNCE code.' })
  @Property({ type: 'string', length: 4, nullable: true })
  cessationType?: string | null;

  @Field(() => String, { nullable: true, description: 'Grade (livello di inquadramento).' })
  @Property({ type: 'string', length: 10, nullable: true })
  grade?: string | null;

  @Field(() => String, { nullable: true, description: 'Job (mansione), 2 digits; 00 for white-collar staff (impiegati).' })
  @Property({ type: 'string', length: 2, nullable: true })
  job?: string | null;

  @Field(() => Float, { nullable: true, description: 'Hours worked (ore lavorate), overtime included.' })
  @Property({ type: 'double', runtimeType: 'number' })
  hoursWorked!: number;

  @Field(() => Float, { nullable: true, description: 'Overtime hours (ore straordinario).' })
  @Property({ type: 'double', runtimeType: 'number', default: 0 })
  overtimeHours: Opt<number> = 0;

  @Field(() => Float, { nullable: true, description: 'Sickness hours (ore malattia).' })
  @Property({ type: 'double', runtimeType: 'number', default: 0 })
  sicknessHours: Opt<number> = 0;

  @Field(() => Float, { nullable: true, description: 'Injury and occupational disease hours (ore infortunio / malattia professionale).' })
  @Property({ type: 'double', runtimeType: 'number', default: 0 })
  injuryHours: Opt<number> = 0;

  @Field(() => Float, { nullable: true, description: 'Workable hours of the month (ore lavorabili): as returned, or weekdays × 8 when the return states none.' })
  @Property({ type: 'double', runtimeType: 'number' })
  workableHours!: number;
}
