import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The workers subgraph's Worker, to which this subgraph adds the person's referrals. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person known to the labour services; owned by the workers subgraph.' })
export class Worker {
  @Field(() => ID, { description: 'Internal immutable identifier of the person.' })
  id!: string;
}
