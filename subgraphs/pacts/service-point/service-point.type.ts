import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to a service point owned by the referrals subgraph. */
@Directive('@key(fields: "code", resolvable: false)')
@ObjectType({ description: 'A service point (job centre, desk, social service); owned by the referrals subgraph.' })
export class ServicePoint {
  @Field(() => ID, { description: 'Service-point code.' })
  code!: string;
}
