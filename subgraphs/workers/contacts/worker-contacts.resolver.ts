import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { type WorkersContext } from '../context';
import { Worker } from '../worker/worker.entity';
import { UpdateMyContactsInput } from './worker-contacts.input';
import { WorkerContactsService } from './worker-contacts.service';
import { contactsOf, WorkerContacts } from './worker-contacts.type';

@Resolver(() => Worker)
export class WorkerContactsResolver {
  @FieldResolver(() => WorkerContacts, {
    nullable: true,
    description: 'Contacts of the person (recapiti): telephone, mobile, e-mail, PEC and street address of the domicile, each with its source and date; null when none is recorded.',
  })
  async contacts(@Root() worker: Worker, @Ctx() ctx: WorkersContext): Promise<WorkerContacts | null> {
    const row = await ctx.loaders.contactsByWorker.load(worker.id);
    return row ? contactsOf(row, worker.domicileMunicipality ?? null) : null;
  }

  @Mutation(() => Worker, {
    nullable: true,
    description:
      'The person (CITIZEN, SELF_SERVICE) changes their own contacts: each contact given is recorded with source SELF_DECLARED and the time of the change; null removes one, a field left out keeps it. Telephone numbers must be Italian, e-mail addresses well formed, the postcode five digits: otherwise BAD_USER_INPUT listing every problem with its path, and nothing is written. Returns the person.',
  })
  updateMyContacts(
    @Arg('input', () => UpdateMyContactsInput, { description: 'The contacts to change.' }) input: UpdateMyContactsInput,
    @Ctx() ctx: WorkersContext,
  ): Promise<Worker> {
    return new WorkerContactsService(ctx).updateMine(input);
  }
}
