import { Field, InputType } from 'type-graphql';

@InputType({ description: 'The street address of the domicile, all three parts together.' })
export class DomicileAddressInput {
  @Field(() => String, { description: 'Street (via, piazza...), at most 200 characters.' })
  street!: string;

  @Field(() => String, { description: 'Street number (numero civico): digits with an optional letter or /suffix (12, 12A, 12/B), or SNC when there is none.' })
  streetNumber!: string;

  @Field(() => String, { description: 'Postcode (CAP): five digits.' })
  postcode!: string;
}

@InputType({
  description:
    'The contacts the person changes. A field left out keeps its value; null removes the contact. Each one given is recorded with source SELF_DECLARED and the time of the change.',
})
export class UpdateMyContactsInput {
  @Field(() => String, { nullable: true, description: 'Telephone: an Italian landline (0...) or mobile (3...) number, optionally with +39; spaces, dots, dashes and slashes are ignored.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile telephone: an Italian mobile number (3..., 9 or 10 digits), optionally with +39.' })
  mobilePhone?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address (at most 254 characters).' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Certified e-mail address (PEC), same syntax as an e-mail address.' })
  pec?: string | null;

  @Field(() => DomicileAddressInput, { nullable: true, description: 'Street address of the domicile; the municipality is the domicile already recorded.' })
  domicileAddress?: DomicileAddressInput | null;
}
