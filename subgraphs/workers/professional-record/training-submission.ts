import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import { validateFiscalCode } from '../../lib/codes';
import { validateIsoDate, today } from '../../lib/dates';
import { badUserInput, type InputProblem } from '../../lib/errors';
import { type WorkersContext } from '../context';
import { TrainingCourse, TrainingSource } from './professional-record.entity';

/** Courses one submission may carry. */
export const MAX_TRAINING_BATCH = 500;
const COURSE_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const MAX_HOURS = 2000;
const EARLIEST_COURSE = '1950-01-01';

@InputType({ description: 'A training course a Cassa Edile school ran for a worker (web-service mode, convention art. 1-2).' })
export class TrainingCourseSubmission {
  @Field(() => String, { description: "The school's own course identifier: resubmitting it updates the same record instead of adding one." })
  courseId!: string;

  @Field(() => String, { description: 'Codice fiscale of the worker (checked per item: a wrong one rejects that item only).' })
  workerFiscalCode!: string;

  @Field(() => String, { description: 'Course title, 1-200 characters.' })
  title!: string;

  @Field(() => String, { description: 'Training provider (ente di formazione), e.g. ESEM-CPT; 1-200 characters.' })
  provider!: string;

  @Field(() => Int, { description: `Hours of training, 1-${MAX_HOURS}.` })
  hours!: number;

  @Field(() => String, { description: 'Completion date, YYYY-MM-DD, not in the future.' })
  completedOn!: string;
}

/** What became of one submitted course. */
export enum TrainingSubmissionStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(TrainingSubmissionStatus, {
  name: 'TrainingSubmissionStatus',
  description: 'Outcome of one submitted course.',
  valuesConfig: {
    CREATED: { description: 'Added to the worker’s professional record.' },
    UPDATED: { description: 'Already submitted with this course id; its data changed and was updated.' },
    UNCHANGED: { description: 'Already submitted with this course id and the same data: nothing to do.' },
    REJECTED: { description: 'Not stored: see problems.' },
  },
});

@ObjectType({ description: 'A problem of one submitted course: the field and what is wrong (never the value).' })
export class TrainingSubmissionProblem {
  @Field(() => String, { nullable: true, description: 'The field of the item (`workerFiscalCode`...).' })
  path!: string;

  @Field(() => String, { nullable: true, description: 'What is wrong with it.' })
  message!: string;
}

@ObjectType({ description: 'The outcome of one submitted course, in the order submitted.' })
export class TrainingSubmissionItem {
  @Field(() => Int, { nullable: true, description: 'Position of the course in the submission, from 0.' })
  index!: number;

  @Field(() => String, { nullable: true, description: "The school's course id, as submitted." })
  courseId!: string;

  @Field(() => TrainingSubmissionStatus, { nullable: true, description: 'What became of it.' })
  status!: TrainingSubmissionStatus;

  @Field(() => TrainingCourse, { nullable: true, description: 'The stored record (null when rejected).' })
  course!: TrainingCourse | null;

  @Field(() => [TrainingSubmissionProblem], { nullable: true, description: 'Why it was rejected; empty otherwise.' })
  problems!: TrainingSubmissionProblem[];
}

@ObjectType({ description: 'The outcome of a submission of training courses: valid items are stored, the others come back with their problems.' })
export class TrainingSubmissionResult {
  @Field(() => Int, { nullable: true, description: 'Courses added.' }) created!: number;
  @Field(() => Int, { nullable: true, description: 'Courses submitted before whose data changed.' }) updated!: number;
  @Field(() => Int, { nullable: true, description: 'Courses submitted before with the same data.' }) unchanged!: number;
  @Field(() => Int, { nullable: true, description: 'Courses not stored (see their problems).' }) rejected!: number;
  @Field(() => [TrainingSubmissionItem], { nullable: true, description: 'One per submitted course, in order.' }) items!: TrainingSubmissionItem[];
}

/** Every problem of one item's own content (existence of the worker aside). */
function itemProblems(item: TrainingCourseSubmission): InputProblem[] {
  const problems: InputProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!COURSE_ID.test(item.courseId)) add('courseId', 'must be 1-64 letters, digits or . _ : / - (starting with a letter or digit)');
  const code = validateFiscalCode(item.workerFiscalCode);
  if (!code.ok || code.kind !== 'PERSONAL') add('workerFiscalCode', 'is not a valid personal fiscal code');
  for (const field of ['title', 'provider'] as const) {
    const text = item[field].trim();
    if (text.length < 1 || text.length > 200) add(field, 'must be 1-200 characters');
  }
  if (!Number.isInteger(item.hours) || item.hours < 1 || item.hours > MAX_HOURS) add('hours', `must be a whole number from 1 to ${MAX_HOURS}`);
  const date = validateIsoDate(item.completedOn);
  if (!date.ok) add('completedOn', date.reason);
  else if (item.completedOn > today()) add('completedOn', 'must not be in the future');
  else if (item.completedOn < EARLIEST_COURSE) add('completedOn', `must not be before ${EARLIEST_COURSE}`);
  return problems;
}

@Resolver()
export class TrainingSubmissionResolver {
  @Mutation(() => TrainingSubmissionResult, {
    nullable: true,
    description:
      "Web-service mode (convention art. 1-2): a Cassa Edile school's training courses enter the workers' professional records, source CASSA_EDILE. Idempotent by course id (per Cassa Edile); each item is checked on its own: valid items are stored, the others come back with their problems. Workers outside the caller's scope are answered as unknown.",
  })
  async submitTrainingCourses(
    @Arg('courses', () => [TrainingCourseSubmission], { description: `1 to ${MAX_TRAINING_BATCH} courses.` }) courses: TrainingCourseSubmission[],
    @Ctx() ctx: WorkersContext,
  ): Promise<TrainingSubmissionResult> {
    if (courses.length < 1 || courses.length > MAX_TRAINING_BATCH) throw badUserInput([{ path: 'courses', message: `must hold 1 to ${MAX_TRAINING_BATCH} courses` }]);
    const supplier = ctx.caller?.organisation ?? null;
    if (!supplier) throw badUserInput([{ path: 'courses', message: 'the credential names no organisation to record as the supplier' }]);
    const { em, loaders } = ctx;
    const items: TrainingSubmissionItem[] = [];
    const seen = new Set<string>();
    const existing = await em.find(TrainingCourse, { source: TrainingSource.CASSA_EDILE, supplier, externalId: { $in: courses.map((c) => c.courseId) } }, { populate: ['worker'] });
    const byId = new Map(existing.map((course) => [course.externalId!, course]));
    const checked = courses.map(itemProblems);
    // Every worker at once (one query through the loader), under the caller's Worker row
    // scope: a person out of scope is answered as unknown.
    const workers = await Promise.all(
      courses.map((item, index) =>
        checked[index]!.some((p) => p.path === 'workerFiscalCode') ? null : loaders.workerByFiscalCode.load(item.workerFiscalCode.trim().toUpperCase()),
      ),
    );
    for (const [index, item] of courses.entries()) {
      const problems = checked[index]!;
      if (seen.has(item.courseId)) problems.push({ path: 'courseId', message: 'appears earlier in this submission' });
      seen.add(item.courseId);
      const worker = workers[index] ?? null;
      if (!worker && !problems.some((p) => p.path === 'workerFiscalCode')) problems.push({ path: 'workerFiscalCode', message: 'no worker known with this fiscal code' });
      const stored = byId.get(item.courseId);
      if (stored && worker && stored.worker.id !== worker.id) problems.push({ path: 'courseId', message: 'was submitted earlier for another worker' });
      if (problems.length > 0 || !worker) {
        items.push({ index, courseId: item.courseId, status: TrainingSubmissionStatus.REJECTED, course: null, problems });
        continue;
      }
      const data = { title: item.title.trim(), provider: item.provider.trim(), hours: item.hours, completedOn: item.completedOn };
      if (!stored) {
        const course = em.create(TrainingCourse, { worker, source: TrainingSource.CASSA_EDILE, supplier, externalId: item.courseId, ...data });
        byId.set(item.courseId, course);
        items.push({ index, courseId: item.courseId, status: TrainingSubmissionStatus.CREATED, course, problems: [] });
      } else if (Object.entries(data).every(([key, value]) => stored[key as keyof typeof data] === value)) {
        items.push({ index, courseId: item.courseId, status: TrainingSubmissionStatus.UNCHANGED, course: stored, problems: [] });
      } else {
        em.assign(stored, data);
        items.push({ index, courseId: item.courseId, status: TrainingSubmissionStatus.UPDATED, course: stored, problems: [] });
      }
    }
    // The valid items in one transaction: all of them are stored, or (on a database error) none.
    await em.flush();
    loaders.trainingByWorker.clearAll();
    const count = (status: TrainingSubmissionStatus) => items.filter((i) => i.status === status).length;
    return {
      created: count(TrainingSubmissionStatus.CREATED),
      updated: count(TrainingSubmissionStatus.UPDATED),
      unchanged: count(TrainingSubmissionStatus.UNCHANGED),
      rejected: count(TrainingSubmissionStatus.REJECTED),
      items,
    };
  }
}
