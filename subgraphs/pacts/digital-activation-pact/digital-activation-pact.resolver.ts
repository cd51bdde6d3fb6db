import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { badUserInput, conflict, notFound } from '../../lib/errors';
import { checkNotFuture } from '../../lib/validation';
import { type PactsContext } from '../context';
import { HouseholdMember } from '../household/household.entity';
import { DigitalActivationPact } from './digital-activation-pact.entity';
import { RecordDigitalActivationPactInput } from './digital-activation-pact.input';

/** Records a member's PAD: the member's household must be in the caller's scope; one PAD per member (CONFLICT). */
export async function recordDigitalActivationPact(input: RecordDigitalActivationPactInput, ctx: PactsContext): Promise<DigitalActivationPact> {
  const problems = checkNotFuture('input.signedOn', input.signedOn);
  if (problems.length) throw badUserInput(problems);
  const member = await ctx.loaders.householdMemberByFiscalCode.load(input.fiscalCode);
  if (!member || !(await ctx.loaders.householdById.load(member.household.id))) throw notFound('The household member');
  if (await ctx.loaders.padByMember.load(member.id)) throw conflict('The member already has a digital activation pact');
  const pad = ctx.em.create(DigitalActivationPact, {
    member,
    signedOn: input.signedOn,
    recordedBy: ctx.caller?.subject ?? null,
    purpose: ctx.caller?.purpose ?? null,
  });
  await ctx.em.flush();
  ctx.loaders.padByMember.clear(member.id);
  return pad;
}

@Resolver(() => DigitalActivationPact)
export class DigitalActivationPactResolver {
  @Mutation(() => DigitalActivationPact, {
    nullable: true,
    description: "Records a household member's digital activation pact (PAD), for a household of the caller's scope; a member has one (CONFLICT for a second).",
  })
  recordDigitalActivationPact(
    @Arg('input', () => RecordDigitalActivationPactInput, { description: 'What to record.' }) input: RecordDigitalActivationPactInput,
    @Ctx() ctx: PactsContext,
  ): Promise<DigitalActivationPact> {
    return recordDigitalActivationPact(input, ctx);
  }
}

@Resolver(() => HouseholdMember)
export class HouseholdMemberPadResolver {
  @FieldResolver(() => DigitalActivationPact, { nullable: true, description: "The member's digital activation pact (PAD); null until recorded." })
  digitalActivationPact(@Root() member: HouseholdMember, @Ctx() ctx: PactsContext): Promise<DigitalActivationPact | null> {
    return ctx.loaders.padByMember.load(member.id);
  }
}
