import { Collection, Entity, Enum, Index, OneToMany, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BelfioreCodeScalar, DateScalar, FiscalCodeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { AvailabilityDeclaration } from '../availability/availability.entity';
import { EmploymentLink } from '../employment-link/employment-link.entity';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, {
  name: 'Sex',
  description: 'Sesso, as recorded in the codice fiscale.',
  valuesConfig: {
    MALE: { description: 'Male (M).' },
    FEMALE: { description: 'Female (F): the birth day in the fiscal code is increased by 40.' },
  },
});

@Directive('@key(fields: "id")')
@Directive('@key(fields: "fiscalCode")')
@ObjectType({ description: 'A person known to the labour services (lavoratore): personal data of SAP section 1.' })
@Entity({ tableName: 'worker' })
export class Worker {
  @Field(() => ID, { description: 'Internal immutable identifier; stays the same when the fiscal code changes.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Current codice fiscale (a provisional 11-digit code is possible).' })
  @Property({ type: 'string', length: 16, unique: true })
  fiscalCode!: string;

  @Field(() => Boolean, { nullable: true, description: 'True when the fiscal code is a provisional numeric one (codice fiscale provvisorio).' })
  @Property({ type: 'boolean', default: false })
  provisionalFiscalCode: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: 'First name (nome).' })
  @Property({ type: 'string', length: 100 })
  firstName!: string;

  @Field(() => String, { nullable: true, description: 'Last name (cognome).' })
  @Property({ type: 'string', length: 100 })
  lastName!: string;

  @Field(() => Sex, { nullable: true, description: 'Sex (sesso).' })
  @Enum({ items: () => Sex, type: 'string' })
  sex!: Sex;

  @Field(() => DateScalar, { nullable: true, description: 'Birth date (data di nascita).' })
  @Property({ type: 'date' })
  birthDate!: string;

  @Field(() => BelfioreCodeScalar, { nullable: true, description: 'Birth place (luogo di nascita): Belfiore code of the municipality, or Z### for a foreign state.' })
  @Property({ type: 'string', length: 4 })
  birthPlace!: string;

  @Field(() => String, { nullable: true, description: 'Citizenship (cittadinanza), ministerial CO code: 000 is Italian.' })
  @Property({ type: 'string', length: 3 })
  citizenship!: string;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Municipality of domicile (comune di domicilio), ISTAT code.' })
  @Index()
  @Property({ type: 'string', length: 6 })
  domicileMunicipality!: string;

  @Field(() => String, { nullable: true, description: 'Province of domicile: three-digit ISTAT province code (e.g. 015 Milano).' })
  @Index()
  @Property({ type: 'string', length: 3 })
  domicileProvince!: string;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();

  /** The person's DIDs, for the database conditions of the row scopes only (the fields go through loaders). */
  @OneToMany(() => AvailabilityDeclaration, (declaration) => declaration.worker)
  declarationRows = new Collection<AvailabilityDeclaration>(this);

  /** Who employs or employed the person (replica), for the database conditions of the row scopes only. */
  @OneToMany(() => EmploymentLink, (link) => link.worker)
  employmentLinks = new Collection<EmploymentLink>(this);
}
