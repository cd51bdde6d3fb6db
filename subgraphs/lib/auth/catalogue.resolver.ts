import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Purpose, Role } from '../identity';
import { PURPOSE_CATALOGUE, type RetentionStatus, ROLE_CATALOGUE } from './catalogue';

/** One purpose of the catalogue as the graph publishes it. */
@ObjectType({ description: 'A purpose a request may declare (finalità del trattamento), with its legal ground and retention period.' })
export class PurposeInfo {
  @Field(() => Purpose, { description: 'The code a request declares in X-Purpose (or a PDND voucher as purposeId).' })
  code!: Purpose;

  @Field(() => String, { description: 'Short name, with the Italian term.' })
  title!: string;

  @Field(() => String, { description: 'Legal ground (base giuridica) of the processing for this purpose.' })
  legalGround!: string;

  @Field(() => String, { description: 'How long data processed for this purpose may be kept (periodo di conservazione).' })
  retention!: string;

  @Field(() => String, { description: 'Whether the retention period comes from a source agreement or law (established) or is a proposal for the data protection officer to confirm.' })
  retentionStatus!: RetentionStatus;

  @Field(() => [Role], { description: 'Roles that normally declare this purpose; the access policy decides what each may read.' })
  typicalRoles!: Role[];
}

/** One role of the catalogue as the graph publishes it. */
@ObjectType({ description: 'A role a credential carries (ruolo), with who holds it and what it may see.' })
export class RoleInfo {
  @Field(() => Role, { description: 'The code carried by a token in its role claim.' })
  code!: Role;

  @Field(() => String, { description: 'Who holds the role, with the Italian term.' })
  who!: string;

  @Field(() => String, { description: 'What the role may see, in plain words (schema/ACCESS.md has the field-level matrix).' })
  sees!: string;
}

/**
 * The catalogue of roles and purposes (architecture.md §4), published so that partners
 * and data subjects can read which purposes exist, on what legal ground and for how long
 * their data is kept. Not personal data: every verified caller may read it.
 */
@Resolver()
export class AccessCatalogueResolver {
  @Query(() => [PurposeInfo], { description: 'Every purpose a request may declare, with its legal ground and retention period.' })
  purposes(): PurposeInfo[] {
    return (Object.values(Purpose) as Purpose[]).map((code) => {
      const entry = PURPOSE_CATALOGUE[code];
      return {
        code,
        title: entry.title,
        legalGround: entry.legalGround,
        retention: entry.retention,
        retentionStatus: entry.retentionStatus,
        typicalRoles: [...entry.typicalRoles] as Role[],
      };
    });
  }

  @Query(() => [RoleInfo], { description: 'Every role a credential may carry, with who holds it and what it may see.' })
  roles(): RoleInfo[] {
    return (Object.values(Role) as Role[]).map((code) => ({ code, who: ROLE_CATALOGUE[code].who, sees: ROLE_CATALOGUE[code].sees }));
  }
}
