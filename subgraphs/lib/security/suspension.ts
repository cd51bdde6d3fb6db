/**
 * Suspendable credentials (issue 3 point 9): the shared store of suspensions, the
 * per-process list every gateway and subgraph checks callers against, and the verifier
 * wrapper that refuses a suspended credential. The GraphQL administration is in
 * `suspension.resolver.ts` (imported on its own: it registers type-graphql types).
 */
export * from './suspension-store';
export * from './suspension-list';
export { CredentialKind } from '../audit/credential-suspension.entity';
