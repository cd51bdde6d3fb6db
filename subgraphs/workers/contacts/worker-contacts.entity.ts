import { Entity, Enum, OneToOne, type Opt, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { Worker } from '../worker/worker.entity';

/**
 * Who supplied a contact of the person. The values the training records share with it keep
 * their names (SELF_DECLARED, JOB_CENTRE, REGION); `TrainingSource` itself is not reused:
 * its CASSA_EDILE value and its name belong to training, and renaming a published enum
 * would break the partners' clients.
 */
export enum ContactSource {
  SELF_DECLARED = 'SELF_DECLARED',
  JOB_CENTRE = 'JOB_CENTRE',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
  REGION = 'REGION',
}
registerEnumType(ContactSource, {
  name: 'ContactSource',
  description: 'Source (fonte) of a contact of the person, as the SAP section 1 records it.',
  valuesConfig: {
    SELF_DECLARED: { description: 'Declared by the person (self-service, or at a desk on their statement).' },
    JOB_CENTRE: { description: 'Recorded by a job centre (e.g. at the interview for the DID or the service pact).' },
    SOCIAL_SERVICES: { description: 'Recorded by the municipal social services (e.g. with the household of an inclusion benefit).' },
    REGION: { description: 'Received from the regional labour information system (SAP of another region or the national node).' },
  },
});

/**
 * The person's contacts (recapiti, SAP section 1): telephone, mobile, e-mail, PEC and the
 * street address of the domicile (the municipality is `Worker.domicileMunicipality`), each
 * with its source and when it last changed. One row per person, apart from `worker` so that
 * erasing or expiring the contacts is deleting one row, and it goes with the person
 * (cascade). No GraphQL field here: the schema reads it through `WorkerContacts`.
 */
@Entity({ tableName: 'worker_contacts' })
export class WorkerContactsRow {
  @OneToOne(() => Worker, { primary: true, owner: true, deleteRule: 'cascade' })
  worker!: Worker;

  /** Landline or any Italian number, normalised to +39 and digits. */
  @Property({ type: 'string', length: 16, nullable: true })
  phone?: string | null;

  @Enum({ items: () => ContactSource, type: 'string', nullable: true })
  phoneSource?: ContactSource | null;

  @Property({ type: 'datetime', nullable: true })
  phoneUpdatedAt?: Date | null;

  /** Italian mobile number, normalised to +39 and digits. */
  @Property({ type: 'string', length: 16, nullable: true })
  mobilePhone?: string | null;

  @Enum({ items: () => ContactSource, type: 'string', nullable: true })
  mobilePhoneSource?: ContactSource | null;

  @Property({ type: 'datetime', nullable: true })
  mobilePhoneUpdatedAt?: Date | null;

  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Enum({ items: () => ContactSource, type: 'string', nullable: true })
  emailSource?: ContactSource | null;

  @Property({ type: 'datetime', nullable: true })
  emailUpdatedAt?: Date | null;

  /** Posta elettronica certificata. */
  @Property({ type: 'string', length: 254, nullable: true })
  pec?: string | null;

  @Enum({ items: () => ContactSource, type: 'string', nullable: true })
  pecSource?: ContactSource | null;

  @Property({ type: 'datetime', nullable: true })
  pecUpdatedAt?: Date | null;

  @Property({ type: 'string', length: 200, nullable: true })
  street?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  streetNumber?: string | null;

  /** CAP, five digits. */
  @Property({ type: 'string', length: 5, nullable: true })
  postcode?: string | null;

  @Enum({ items: () => ContactSource, type: 'string', nullable: true })
  addressSource?: ContactSource | null;

  @Property({ type: 'datetime', nullable: true })
  addressUpdatedAt?: Date | null;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();
}
