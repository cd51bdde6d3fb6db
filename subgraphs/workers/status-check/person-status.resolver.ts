import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../lib/scalars';
import { ACTIVE_DID_STATUSES, type AvailabilityDeclaration, DidStatus } from '../availability/availability.entity';
import { type WorkersContext } from '../context';
import { PersonStatus } from './person-status.type';

/** The person's most recent DID, through the request's loaders (null when the person never declared). */
async function latestDeclaration(status: PersonStatus, ctx: WorkersContext): Promise<AvailabilityDeclaration | null> {
  const declarations = await ctx.loaders.statusDeclarationsByWorker.load(status.workerId);
  return declarations[0] ?? null;
}

@Resolver(() => PersonStatus)
export class PersonStatusResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'DID check: true when the person has a DID that is active now (INSERTED or VALIDATED, "Inserita" or "Convalidata").',
  })
  async availabilityDeclarationActive(@Root() status: PersonStatus, @Ctx() ctx: WorkersContext): Promise<boolean> {
    const declaration = await latestDeclaration(status, ctx);
    return declaration != null && ACTIVE_DID_STATUSES.includes(declaration.status);
  }

  @FieldResolver(() => DidStatus, { nullable: true, description: 'State of the most recent DID; null when the person never declared.' })
  async availabilityDeclarationStatus(@Root() status: PersonStatus, @Ctx() ctx: WorkersContext): Promise<DidStatus | null> {
    return (await latestDeclaration(status, ctx))?.status ?? null;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Date of that state (data stato DID).' })
  async availabilityDeclarationStatusDate(@Root() status: PersonStatus, @Ctx() ctx: WorkersContext): Promise<string | null> {
    return (await latestDeclaration(status, ctx))?.statusDate ?? null;
  }
}

/**
 * `_entities` for PersonStatus: the person is loaded by the key alone through the
 * caller's PersonStatus scope; a person outside it resolves to null exactly like an
 * unknown fiscal code (the workers subgraph then contributes no DID fields). Nothing
 * else of the representation is read.
 */
export async function resolvePersonStatusReference(reference: { fiscalCode?: unknown }, ctx: WorkersContext): Promise<PersonStatus | null> {
  if (typeof reference.fiscalCode !== 'string') return null;
  const worker = await ctx.loaders.statusWorkerByFiscalCode.load(reference.fiscalCode);
  if (!worker) return null;
  return Object.assign(new PersonStatus(), { fiscalCode: worker.fiscalCode, workerId: worker.id });
}
