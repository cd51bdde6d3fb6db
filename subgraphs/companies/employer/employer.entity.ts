import { BeforeCreate, BeforeUpdate, Entity, Index, ManyToOne, type Opt, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { atecoSection } from '../../lib/codes';
import { CONSTRUCTION_CCNL_CODES, isConstructionEmployer } from './construction';
import { AtecoCodeScalar, FiscalCodeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';

/** The three-digit ISTAT province code of an ISTAT municipality code. */
export function provinceOf(municipality: string): string {
  return municipality.slice(0, 3);
}

/**
 * The stored columns derived from others: the ATECO section (for the section filter), the
 * province of the legal seat (for the province filter) and the construction sector (for the
 * `construction` filter and the Cassa Edile row scope, which must be database conditions).
 * Seeding calls it too, since `insertMany` runs no entity hooks.
 */
export function derivedEmployerColumns(atecoCode: string, legalSeatMunicipality: string, ccnl: string | null | undefined) {
  return {
    atecoSection: atecoSection(atecoCode) ?? null,
    legalSeatProvince: provinceOf(legalSeatMunicipality),
    construction: isConstructionEmployer(atecoCode, ccnl),
  };
}

@Directive('@key(fields: "fiscalCode")')
@ObjectType({ description: 'An employer (datore di lavoro) that files mandatory notices: a firm, a public administration or a person.' })
@Entity({ tableName: 'employer' })
export class Employer {
  [PrimaryKeyProp]?: 'fiscalCode';

  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the employer (11 digits for companies, 16 characters for sole traders).' })
  @PrimaryKey({ type: 'string', length: 16 })
  fiscalCode!: string;

  @Field(() => String, { nullable: true, description: 'Company name (denominazione / ragione sociale).' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => AtecoCodeScalar, { nullable: true, description: 'Main economic activity (settore), ATECO 2007 code.' })
  @Property({ type: 'string', length: 8 })
  atecoCode!: string;

  @Field(() => String, { nullable: true, description: 'ATECO 2007 section letter of the activity (F is construction); null when the code maps to none.' })
  @Index()
  @Property({ type: 'string', length: 1, nullable: true })
  atecoSection?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True for a public administration (pubblica amministrazione), which some transformations require.' })
  @Property({ type: 'boolean', default: false })
  publicAdministration: Opt<boolean> = false;

  /** ISTAT municipality code of the legal seat (sede legale); exposed through `legalSeat`. */
  @Property({ type: 'string', length: 6 })
  legalSeatMunicipality!: string;

  /** Derived from the municipality; stored so that the province filter is a plain index lookup. */
  @Index()
  @Property({ type: 'string', length: 3 })
  legalSeatProvince: Opt<string> = '';

  @Property({ type: 'string', length: 200 })
  legalSeatAddress!: string;

  @Field(() => String, { nullable: true, description: 'Code of the national collective agreement (CCNL) the employer usually applies: ministerial CO code (e.g. 068) or CNEL code (e.g. F012).' })
  @Index()
  @Property({ type: 'string', length: 10, nullable: true })
  ccnl?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the Cassa Edile the employer is registered with (e.g. MI00); null when it is registered with none.' })
  @Index()
  @Property({ type: 'string', length: 10, nullable: true })
  cassaEdileCode?: string | null;

  /**
   * Construction sector (ATECO section F or a construction CCNL), derived from the two and
   * stored so that the Cassa Edile row scope and the `construction` filter are index lookups.
   */
  @Field(() => Boolean, {
    nullable: true,
    description: `Construction sector (settore edile): ATECO section F, or a construction CCNL (${CONSTRUCTION_CCNL_CODES.join(', ')}; an approximate list).`,
  })
  @Index()
  @Property({ type: 'boolean', default: false })
  construction: Opt<boolean> = false;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();

  @BeforeCreate()
  @BeforeUpdate()
  protected deriveColumns(): void {
    Object.assign(this, derivedEmployerColumns(this.atecoCode, this.legalSeatMunicipality, this.ccnl));
  }
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A work site (sede di lavoro / unità locale) of an employer.' })
@Entity({ tableName: 'work_site' })
@Index({ properties: ['employer', 'municipality'] })
export class WorkSite {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Employer, { deleteRule: 'cascade' })
  employer!: Employer;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Municipality (comune) of the site, ISTAT code.' })
  @Property({ type: 'string', length: 6 })
  municipality!: string;

  @Field(() => String, { nullable: true, description: 'Province of the site: three-digit ISTAT province code (e.g. 015 Milano).' })
  @Property({ type: 'string', length: 3 })
  province: Opt<string> = '';

  @Field(() => String, { nullable: true, description: 'Street address (indirizzo).' })
  @Property({ type: 'string', length: 200 })
  address!: string;

  @BeforeCreate()
  @BeforeUpdate()
  protected deriveProvince(): void {
    this.province = provinceOf(this.municipality);
  }
}
