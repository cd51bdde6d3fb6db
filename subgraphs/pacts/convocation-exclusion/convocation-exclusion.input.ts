import { Field, InputType } from 'type-graphql';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';
import { ConvocationExclusionReason } from './convocation-exclusion.entity';

@InputType({ description: 'A member of a household with an open social inclusion pact not to be convened by the job centres.' })
export class SetConvocationExclusionInput {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the member.' })
  fiscalCode!: string;

  @Field(() => ConvocationExclusionReason, { description: 'The coded reason: the only part the job centres see.' })
  reason!: ConvocationExclusionReason;

  @Field(() => String, { nullable: true, description: 'Details behind the code, for the social services only; at most 500 characters.' })
  details?: string | null;

  @Field(() => DateScalar, { description: 'Date from which the member is not to be convened; not in the future.' })
  since!: string;
}

@InputType({ description: 'The end of a do-not-convene decision: the member may be convened again.' })
export class EndConvocationExclusionInput {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the member.' })
  fiscalCode!: string;

  @Field(() => DateScalar, { description: 'Date from which the member may be convened; not before the decision, not in the future.' })
  endedOn!: string;

  @Field(() => String, { description: 'Why the decision ends; required.' })
  reason!: string;
}
