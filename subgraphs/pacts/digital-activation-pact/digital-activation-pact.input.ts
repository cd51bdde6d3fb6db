import { Field, InputType } from 'type-graphql';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';

@InputType({ description: "A household member's digital activation pact (PAD), as signed on SIISL." })
export class RecordDigitalActivationPactInput {
  @Field(() => FiscalCodeScalar, { description: 'Codice fiscale of the member.' })
  fiscalCode!: string;

  @Field(() => DateScalar, { description: 'Date the member signed the PAD; not in the future.' })
  signedOn!: string;
}
