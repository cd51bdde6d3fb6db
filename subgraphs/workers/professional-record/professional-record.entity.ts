import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';
import { Worker } from '../worker/worker.entity';

/** ISCED 2011 levels, to which the ministerial education tables map (domain.md §12.4). */
export enum EducationLevel {
  NONE = 'NONE',
  PRIMARY = 'PRIMARY',
  LOWER_SECONDARY = 'LOWER_SECONDARY',
  UPPER_SECONDARY = 'UPPER_SECONDARY',
  POST_SECONDARY = 'POST_SECONDARY',
  SHORT_TERTIARY = 'SHORT_TERTIARY',
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  DOCTORATE = 'DOCTORATE',
}
registerEnumType(EducationLevel, {
  name: 'EducationLevel',
  description: 'Education level (livello di istruzione), ISCED 2011: 0 none to 8 doctorate.',
  valuesConfig: {
    NONE: { description: 'ISCED 0: no qualification.' },
    PRIMARY: { description: 'ISCED 1: primary school (licenza elementare).' },
    LOWER_SECONDARY: { description: 'ISCED 2: lower secondary (licenza media).' },
    UPPER_SECONDARY: { description: 'ISCED 3: vocational qualification (IeFP) or upper-secondary diploma (maturità).' },
    POST_SECONDARY: { description: 'ISCED 4: post-secondary non-tertiary (IFTS).' },
    SHORT_TERTIARY: { description: 'ISCED 5: ITS Academy.' },
    BACHELOR: { description: 'ISCED 6: bachelor (laurea triennale).' },
    MASTER: { description: 'ISCED 7: master (laurea magistrale or a ciclo unico, master universitario).' },
    DOCTORATE: { description: 'ISCED 8: doctorate (dottorato di ricerca).' },
  },
});

/** Who supplied a training course to the professional record. */
export enum TrainingSource {
  SELF_DECLARED = 'SELF_DECLARED',
  JOB_CENTRE = 'JOB_CENTRE',
  REGION = 'REGION',
  CASSA_EDILE = 'CASSA_EDILE',
}
registerEnumType(TrainingSource, {
  name: 'TrainingSource',
  description: 'Source of a training record: the person, a job centre, the Region, or a Cassa Edile school (e.g. ESEM-CPT).',
  valuesConfig: {
    SELF_DECLARED: { description: 'Declared by the person.' },
    JOB_CENTRE: { description: 'Recorded by a job centre.' },
    REGION: { description: 'Supplied by the Region (accredited training).' },
    CASSA_EDILE: { description: 'Supplied by a Cassa Edile school such as ESEM-CPT (convention, web-service mode).' },
  },
});

@ObjectType({ description: 'A qualification obtained (titolo di studio), SAP section 5.' })
@Entity({ tableName: 'education' })
export class Education {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'education_worker_idx' })
  @ManyToOne(() => Worker, { deleteRule: 'cascade' })
  worker!: Worker;

  @Field(() => EducationLevel, { nullable: true, description: 'ISCED level.' })
  @Enum({ items: () => EducationLevel, type: 'string' })
  level!: EducationLevel;

  @Field(() => String, { nullable: true, description: 'Title of the qualification (titolo).' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => Int, { nullable: true, description: 'Year obtained.' })
  @Property({ type: 'integer', nullable: true })
  year?: number | null;
}

@ObjectType({ description: 'A work experience the person declared (esperienza lavorativa dichiarata), SAP section 4.' })
@Entity({ tableName: 'declared_experience' })
export class DeclaredExperience {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'declared_experience_worker_idx' })
  @ManyToOne(() => Worker, { deleteRule: 'cascade' })
  worker!: Worker;

  @Field(() => String, { nullable: true, description: 'Employer name (denominazione datore di lavoro).' })
  @Property({ type: 'string', length: 200 })
  employerName!: string;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Employer fiscal code, when known.' })
  @Property({ type: 'string', length: 16, nullable: true })
  employerFiscalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Job held (mansione), free text.' })
  @Property({ type: 'string', length: 200 })
  jobTitle!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Start date.' })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'End date; null while ongoing.' })
  @Property({ type: 'date', nullable: true })
  endDate?: string | null;
}

@ObjectType({ description: 'A training course attended (corso di formazione), with the body that supplied the record.' })
@Entity({ tableName: 'training_course' })
@Unique({ properties: ['source', 'supplier', 'externalId'] })
export class TrainingCourse {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'training_course_worker_idx' })
  @ManyToOne(() => Worker, { deleteRule: 'cascade' })
  worker!: Worker;

  @Field(() => String, { nullable: true, description: 'Course title.' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Training provider (ente di formazione).' })
  @Property({ type: 'string', length: 200 })
  provider!: string;

  @Field(() => Int, { nullable: true, description: 'Hours of training.' })
  @Property({ type: 'integer' })
  hours!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Completion date.' })
  @Property({ type: 'date' })
  completedOn!: string;

  @Field(() => TrainingSource, { nullable: true, description: 'Who supplied this record.' })
  @Enum({ items: () => TrainingSource, type: 'string' })
  source!: TrainingSource;

  @Field(() => String, { nullable: true, description: "The supplier's own course identifier, for idempotent resubmission." })
  @Property({ type: 'string', length: 64, nullable: true })
  externalId?: string | null;

  /** The organisation that supplied the record (a Cassa Edile's code); course ids are its own, so they are unique per supplier. */
  @Property({ type: 'string', length: 40, nullable: true })
  supplier?: string | null;
}
