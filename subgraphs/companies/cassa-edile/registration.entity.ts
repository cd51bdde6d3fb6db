import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../lib/scalars';
import { Employer } from '../employer/employer.entity';
import { RegistrationState } from './cassa-edile.codes';

@ObjectType({ description: 'A firm registration with a Cassa Edile (iscrizione dell\'impresa, domain.md §10.1), as the Cassa Edile submitted it.' })
@Entity({ tableName: 'cassa_edile_registration' })
@Unique({ properties: ['cassaCode', 'firmCode'] })
@Index({ properties: ['employer', 'cassaCode'] })
export class CassaEdileRegistration {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { nullable: true, description: 'Code of the Cassa Edile (4 characters, e.g. MI00).' })
  @Property({ type: 'string', length: 4 })
  cassaCode!: string;

  @Field(() => String, { nullable: true, description: 'Firm code at that Cassa Edile (codice impresa, 8 digits).' })
  @Property({ type: 'string', length: 8 })
  firmCode!: string;

  @ManyToOne(() => Employer, { deleteRule: 'cascade' })
  employer!: Employer;

  @Field(() => DateScalar, { nullable: true, description: 'Date of registration (data iscrizione).' })
  @Property({ type: 'date' })
  registeredOn!: string;

  @Field(() => RegistrationState, { nullable: true, description: 'State of the registration.' })
  @Enum({ items: () => RegistrationState, type: 'string' })
  state!: RegistrationState;

  @Field(() => DateScalar, { nullable: true, description: 'Date the suspension took effect, when SUSPENDED.' })
  @Property({ type: 'date', nullable: true })
  suspendedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of cessation, when CEASED.' })
  @Property({ type: 'date', nullable: true })
  ceasedOn?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the Cassa Edile last submitted this registration.' })
  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}
