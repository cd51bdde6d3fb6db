import { Field, ObjectType } from 'type-graphql';
import { Education, DeclaredExperience, TrainingCourse } from './professional-record.entity';

/** The professional part of the SAP: education, declared experience, training. */
@ObjectType({ description: 'Professional record (Scheda Anagrafico-Professionale, SAP sections 4-5): education, declared work experience and training.' })
export class ProfessionalRecord {
  /** Owner, so that the field resolvers can load the lists through the request's loaders. */
  workerId!: string;

  @Field(() => [Education], { nullable: true, description: 'Qualifications obtained.' })
  education?: Education[];

  @Field(() => [DeclaredExperience], { nullable: true, description: 'Work experience the person declared.' })
  declaredExperience?: DeclaredExperience[];

  @Field(() => [TrainingCourse], { nullable: true, description: 'Training courses, each with its source.' })
  trainingCourses?: TrainingCourse[];
}
