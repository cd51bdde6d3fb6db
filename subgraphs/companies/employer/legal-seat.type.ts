import { Field, ObjectType } from 'type-graphql';
import { IstatMunicipalityCodeScalar } from '../../lib/scalars';

/** The registered office of an employer, as the UniLav employer block carries it. */
@ObjectType({ description: 'Legal seat (sede legale) of an employer.' })
export class LegalSeat {
  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Municipality (comune), ISTAT code.' })
  municipality!: string;

  @Field(() => String, { nullable: true, description: 'Province: three-digit ISTAT province code (e.g. 015 Milano).' })
  province!: string;

  @Field(() => String, { nullable: true, description: 'Street address (indirizzo).' })
  address!: string;
}
