import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, ID, Info, InputType, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { type AuditStore } from '../audit';
import { CredentialKind } from '../audit/credential-suspension.entity';
import { forbidden, notFound, unauthenticated } from '../errors';
import { type Caller, Purpose, Role } from '../identity';
import { DateTimeScalar } from '../scalars';
import { type SuspensionList } from './suspension-list';
import { actorOfCaller, listSuspensions, reinstateCredential, suspendCredential, type Suspension } from './suspension-store';

registerEnumType(CredentialKind, {
  name: 'CredentialKind',
  description: 'What a credential suspension stops.',
  valuesConfig: {
    ORGANISATION: { description: 'Every credential of an organisation; the value is its code (token org, or PDND consumerId / client_id).' },
    USER: { description: "One user; the value is the token's sub, in one organisation when organisation is given, else in every organisation." },
    TOKEN: { description: "One token; the value is its jti." },
  },
});

/**
 * What the credential administration needs in the request context, under `platform`:
 * the shape of `PlatformServices` in `lib/context.ts` plus this process's list.
 */
export interface SuspensionPlatform {
  /** The shared platform (audit) store, where suspensions and their ADMINISTRATION records are written. */
  audit: AuditStore | null;
  /** This process's list: refreshed at once after a change made here (else within its period, like every other process). */
  suspensions?: Pick<SuspensionList, 'refresh'> | null;
  /** Name written as `subgraph` in the ADMINISTRATION records (default `credentials`). */
  subgraph?: string;
}

/** The part of a request context {@link CredentialSuspensionResolver} reads; `RequestContext` satisfies it once its platform has `suspensions`. */
export interface PlatformContext {
  requestId: string;
  caller: Caller | null;
  /** Null or absent in a process without the platform store. */
  platform?: SuspensionPlatform | null;
}

/** The subgraph serving the resolver was not given the platform store in its context: a wiring fault, not the caller's. */
export class PlatformUnavailableError extends Error {
  override name = 'PlatformUnavailableError';
  constructor() {
    super('credential administration is not configured in this subgraph: the request context has no platform store');
  }
}

/** Whether the context carries the platform store. */
export function hasPlatform(context: PlatformContext): context is PlatformContext & { platform: SuspensionPlatform & { audit: AuditStore } } {
  const platform = context.platform;
  return typeof platform === 'object' && platform !== null && typeof platform.audit === 'object' && platform.audit !== null;
}

function platformOf(context: PlatformContext): SuspensionPlatform & { audit: AuditStore } {
  if (!hasPlatform(context)) throw new PlatformUnavailableError();
  return context.platform;
}

/**
 * The resolver is granted to `PLATFORM_ADMIN ADMINISTRATION` by the policy; it checks
 * the same again, so that a policy mistake cannot open credential management to anyone else.
 */
function administrator(context: PlatformContext): Caller {
  const caller = context.caller;
  if (!caller) throw unauthenticated('Credential administration needs a verified caller');
  if (caller.role !== Role.PLATFORM_ADMIN || caller.purpose !== Purpose.ADMINISTRATION) {
    throw forbidden('Credential administration is reserved to PLATFORM_ADMIN for the ADMINISTRATION purpose');
  }
  return caller;
}

@ObjectType('CredentialSuspension', {
  description: 'A suspension of an organisation, a user or a token: active until reinstated. Suspending again after a reinstatement makes a new one.',
})
export class CredentialSuspensionObject {
  @Field(() => ID, { nullable: true, description: 'Identifier of the suspension.' })
  id!: string;

  @Field(() => CredentialKind, { nullable: true, description: 'What is suspended.' })
  kind!: CredentialKind;

  @Field(() => String, { nullable: true, description: 'Organisation code, user sub or token jti.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'For a USER suspension limited to one organisation: its code.' })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: 'Why, as the administrator wrote it (a code or a short text).' })
  reason!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was suspended.' })
  suspendedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The administrator who suspended it (their sub).' })
  suspendedBy!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was reinstated; null while suspended.' })
  reinstatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The administrator who reinstated it; null while suspended.' })
  reinstatedBy!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True while suspended (not reinstated).' })
  active!: boolean;
}

function objectOf(suspension: Suspension): CredentialSuspensionObject {
  return {
    id: String(suspension.id),
    kind: suspension.kind,
    value: suspension.value,
    organisation: suspension.organisation,
    reason: suspension.reason,
    suspendedAt: suspension.suspendedAt,
    suspendedBy: suspension.suspendedBy,
    reinstatedAt: suspension.reinstatedAt,
    reinstatedBy: suspension.reinstatedBy,
    active: suspension.active,
  };
}

@InputType({ description: 'The credential to reinstate.' })
export class ReinstateCredentialInput {
  @Field(() => CredentialKind, { description: 'What is suspended.' })
  kind!: CredentialKind;

  @Field(() => String, { description: 'Organisation code, user sub or token jti (1-200 characters, no control characters).' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'USER only: the organisation the suspension is limited to.' })
  organisation?: string | null;
}

@InputType({ description: 'The credential to suspend, and why.' })
export class SuspendCredentialInput extends ReinstateCredentialInput {
  @Field(() => String, { description: 'Why (1-500 characters): a code or a short text, never personal data.' })
  reason!: string;
}

/**
 * Credential administration (issue 3 point 9): suspend and reinstate an organisation, a
 * user or a token, and list the suspensions. Changes go to the shared platform store with
 * an ADMINISTRATION audit record; every gateway and subgraph refuses a suspended
 * credential within 5 seconds (their `SuspensionList`s), this process at once.
 */
@Resolver()
export class CredentialSuspensionResolver {
  @Mutation(() => CredentialSuspensionObject, {
    nullable: true,
    description:
      'Suspends an organisation, a user or a token. Idempotent: an active suspension of the same credential is returned unchanged. Refused with BAD_USER_INPUT listing every problem of the input.',
  })
  async suspendCredential(
    @Arg('input', () => SuspendCredentialInput, { description: 'What to suspend and why.' }) input: SuspendCredentialInput,
    @Ctx() context: PlatformContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CredentialSuspensionObject> {
    const caller = administrator(context);
    const platform = platformOf(context);
    const actor = actorOfCaller(caller, context.requestId, platform.subgraph ?? 'credentials', info.operation.name?.value);
    const change = await suspendCredential(platform.audit, { kind: input.kind, value: input.value, organisation: input.organisation, reason: input.reason }, actor);
    if (change.changed) await platform.suspensions?.refresh();
    return objectOf(change.suspension);
  }

  @Mutation(() => CredentialSuspensionObject, {
    nullable: true,
    description: 'Reinstates a suspended credential; the suspension stays in the history. NOT_FOUND when the credential is not suspended.',
  })
  async reinstateCredential(
    @Arg('input', () => ReinstateCredentialInput, { description: 'What to reinstate.' }) input: ReinstateCredentialInput,
    @Ctx() context: PlatformContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CredentialSuspensionObject> {
    const caller = administrator(context);
    const platform = platformOf(context);
    const actor = actorOfCaller(caller, context.requestId, platform.subgraph ?? 'credentials', info.operation.name?.value);
    const change = await reinstateCredential(platform.audit, { kind: input.kind, value: input.value, organisation: input.organisation }, actor);
    if (!change) throw notFound('An active suspension of this credential');
    await platform.suspensions?.refresh();
    return objectOf(change.suspension);
  }

  @Query(() => [CredentialSuspensionObject], {
    nullable: true,
    description: 'Credential suspensions, newest first (1000 at most): the active ones, or with activeOnly false the whole history.',
  })
  async credentialSuspensions(
    @Arg('activeOnly', () => Boolean, { nullable: true, defaultValue: true, description: 'Only suspensions not reinstated (default true).' })
    activeOnly: boolean | null,
    @Ctx() context: PlatformContext,
  ): Promise<CredentialSuspensionObject[]> {
    administrator(context);
    const platform = platformOf(context);
    return (await listSuspensions(platform.audit, { activeOnly: activeOnly !== false })).map(objectOf);
  }
}
