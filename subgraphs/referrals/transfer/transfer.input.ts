import { Field, InputType } from 'type-graphql';
import { FiscalCodeScalar } from '../../lib/scalars';

@InputType({ description: 'One member of the household sent to the job centre.' })
export class HouseholdMemberToReferInput {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the member.' })
  fiscalCode!: string;
}

@InputType({ description: 'Members of a household that the social services send to the competent job centre for active job search (RdC Annex 5 §1.1, art. 6(1)(a)).' })
export class ReferHouseholdMembersToJobCentreInput {
  @Field(() => [HouseholdMemberToReferInput], { description: 'The members, 1 to 20, each once.' })
  members!: HouseholdMemberToReferInput[];

  @Field(() => String, { nullable: true, description: 'Written motivation (motivazione), optional in this direction; at most 2000 characters.' })
  motivation?: string | null;
}

@InputType({ description: 'A person that the job centre sends to the competent social services (RdC Annex 5 §1.2, art. 6(1)(b)).' })
export class ReferToSocialServicesInput {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the person.' })
  fiscalCode!: string;

  @Field(() => String, { description: 'Written motivation (motivazione), required: at least 20 characters and 3 words, at most 2000 characters (DL 4/2019; domain.md §13.5 rule 7).' })
  motivation!: string;
}
