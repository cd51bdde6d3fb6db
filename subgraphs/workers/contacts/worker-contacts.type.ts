import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { ContactSource, type WorkerContactsRow } from './worker-contacts.entity';

@ObjectType({ description: 'One contact of the person (telephone, e-mail, PEC) with its source and when it last changed.' })
export class ContactPoint {
  @Field(() => String, { nullable: true, description: 'The contact: a telephone number as +39 and digits, or an e-mail address.' })
  value!: string;

  @Field(() => ContactSource, { nullable: true, description: 'Who supplied it (fonte).' })
  source!: ContactSource | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last recorded or confirmed.' })
  updatedAt!: Date | null;
}

@ObjectType({ description: 'Street address of the domicile (indirizzo di domicilio), where a letter of convocation is sent.' })
export class DomicileAddress {
  @Field(() => String, { nullable: true, description: 'Street (via, piazza...).' })
  street!: string | null;

  @Field(() => String, { nullable: true, description: 'Street number (numero civico), e.g. 12, 12/A, SNC.' })
  streetNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Postcode (CAP), five digits.' })
  postcode!: string | null;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Municipality of domicile, ISTAT code (the same as Worker.domicileMunicipality).' })
  municipality!: string | null;

  @Field(() => ContactSource, { nullable: true, description: 'Who supplied the address (fonte).' })
  source!: ContactSource | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last recorded or confirmed.' })
  updatedAt!: Date | null;
}

@ObjectType({
  description:
    'Contacts of the person (recapiti, SAP section 1): what a job centre or the social services need to convene them, and the person reads and updates their own. Each part is null when none is recorded.',
})
export class WorkerContacts {
  @Field(() => ContactPoint, { nullable: true, description: 'Telephone (telefono), landline or mobile.' })
  phone!: ContactPoint | null;

  @Field(() => ContactPoint, { nullable: true, description: 'Mobile telephone (cellulare), for calls and text reminders.' })
  mobilePhone!: ContactPoint | null;

  @Field(() => ContactPoint, { nullable: true, description: 'E-mail address.' })
  email!: ContactPoint | null;

  @Field(() => ContactPoint, { nullable: true, description: 'Certified e-mail (posta elettronica certificata, PEC): a convocation sent there has legal proof of delivery.' })
  pec!: ContactPoint | null;

  @Field(() => DomicileAddress, { nullable: true, description: 'Street address of the domicile.' })
  domicileAddress!: DomicileAddress | null;
}

function point(value: string | null | undefined, source: ContactSource | null | undefined, updatedAt: Date | null | undefined): ContactPoint | null {
  return value ? { value, source: source ?? null, updatedAt: updatedAt ?? null } : null;
}

/** The schema's view of a person's contacts row; `municipality` is the person's domicile. */
export function contactsOf(row: WorkerContactsRow, municipality: string | null): WorkerContacts {
  const hasAddress = row.street != null || row.streetNumber != null || row.postcode != null;
  return {
    phone: point(row.phone, row.phoneSource, row.phoneUpdatedAt),
    mobilePhone: point(row.mobilePhone, row.mobilePhoneSource, row.mobilePhoneUpdatedAt),
    email: point(row.email, row.emailSource, row.emailUpdatedAt),
    pec: point(row.pec, row.pecSource, row.pecUpdatedAt),
    domicileAddress: hasAddress
      ? { street: row.street ?? null, streetNumber: row.streetNumber ?? null, postcode: row.postcode ?? null, municipality, source: row.addressSource ?? null, updatedAt: row.addressUpdatedAt ?? null }
      : null,
  };
}
