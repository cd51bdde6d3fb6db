import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';

@InputType({ description: 'A member the preliminary analysis found able to work, and the job centre that is to convene them for a service pact.' })
export class ActivatableMemberInput {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the member.' })
  fiscalCode!: string;

  @Field(() => String, { description: 'Code of the competent job centre (or desk) in the directory.' })
  jobCentreCode!: string;
}

@InputType({ description: 'The preliminary analysis of a household (analisi preliminare): it moves the pact TO_CONVENE → PRELIMINARY_ANALYSIS and routes the members able to work to a job centre; the others stay with the social and specialist services.' })
export class RecordPreliminaryAnalysisInput {
  @Field(() => ID, { description: 'The social inclusion pact.' })
  pactId!: string;

  @Field(() => DateScalar, { description: 'Date of the analysis: not before the PAD, not in the future.' })
  effectiveOn!: string;

  @Field(() => String, { description: 'Outcome in words (esito), recorded in the pact history; required.' })
  reason!: string;

  @Field(() => [ActivatableMemberInput], { description: 'Members routed to a job centre for a service pact; empty when none is able to work.' })
  activatable!: ActivatableMemberInput[];
}
