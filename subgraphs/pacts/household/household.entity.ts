import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { FiscalCodeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { SocialInclusionPact } from '../inclusion-pact/inclusion-pact.entity';

/** How a member is related to the applicant of the household's benefit. */
export enum HouseholdRelation {
  APPLICANT = 'APPLICANT',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  OTHER = 'OTHER',
}
registerEnumType(HouseholdRelation, {
  name: 'HouseholdRelation',
  description: 'Relation of a member to the applicant (rapporto con il richiedente), as in the household registry (nucleo anagrafico / ISEE).',
  valuesConfig: {
    APPLICANT: { description: 'Richiedente: the person who applied for the benefit.' },
    SPOUSE: { description: 'Coniuge, or partner in a civil union or registered cohabitation.' },
    CHILD: { description: 'Figlio/a.' },
    PARENT: { description: 'Genitore.' },
    OTHER: { description: 'Altro componente: any other member of the household.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Nucleo familiare: the household to which an inclusion benefit (ADI) and its social inclusion pact (PaIS) refer.' })
@Entity({ tableName: 'household' })
export class Household {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Municipality of residence (comune di residenza), ISTAT code.' })
  @Property({ type: 'string', length: 6 })
  municipality!: string;

  /**
   * The members, for the row-scope filters only (a household is the citizen's own when
   * they are one of its members); the `members` field goes through a loader.
   */
  @OneToMany(() => HouseholdMember, (member) => member.household)
  memberRows = new Collection<HouseholdMember>(this);

  /**
   * The inclusion pacts, for the row-scope filters only (a household is in a social
   * worker's scope when one of its pacts is); the `inclusionPacts` field goes through a loader.
   */
  @OneToMany(() => SocialInclusionPact, (pact) => pact.household)
  pactRows = new Collection<SocialInclusionPact>(this);
}

/**
 * One person of a household. A person belongs to one household at a time, so the
 * person's id and fiscal code are each unique here (the status checks rely on it).
 */
@ObjectType({ description: 'A member of a household (componente del nucleo).' })
@Entity({ tableName: 'household_member' })
// PostgreSQL does not index foreign keys by itself; this one also serves the ordered per-parent lookup.
@Index({ properties: ['household', 'fiscalCode'] })
export class HouseholdMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Household, { deleteRule: 'cascade' })
  household!: Household;

  /** Id of the person (a workers entity). */
  @Property({ type: 'string', length: 36, unique: true })
  workerId!: string;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the member.' })
  @Property({ type: 'string', length: 16, unique: true })
  fiscalCode!: string;

  @Field(() => HouseholdRelation, { nullable: true, description: 'Relation to the applicant.' })
  @Enum({ items: () => HouseholdRelation, type: 'string' })
  relation!: HouseholdRelation;
}
