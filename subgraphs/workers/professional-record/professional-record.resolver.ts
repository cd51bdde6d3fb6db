import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type WorkersContext } from '../context';
import { DeclaredExperience, Education, TrainingCourse } from './professional-record.entity';
import { ProfessionalRecord } from './professional-record.type';

@Resolver(() => ProfessionalRecord)
export class ProfessionalRecordResolver {
  @FieldResolver(() => [Education], { nullable: true })
  education(@Root() record: ProfessionalRecord, @Ctx() ctx: WorkersContext) {
    return ctx.loaders.educationByWorker.load(record.workerId);
  }

  @FieldResolver(() => [DeclaredExperience], { nullable: true })
  declaredExperience(@Root() record: ProfessionalRecord, @Ctx() ctx: WorkersContext) {
    return ctx.loaders.experienceByWorker.load(record.workerId);
  }

  @FieldResolver(() => [TrainingCourse], { nullable: true })
  trainingCourses(@Root() record: ProfessionalRecord, @Ctx() ctx: WorkersContext) {
    return ctx.loaders.trainingByWorker.load(record.workerId);
  }
}
