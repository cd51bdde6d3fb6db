import { GraphQLEnumType } from 'graphql';
import { buildSchema, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { PURPOSE_CATALOGUE, ROLE_CATALOGUE } from '../../../subgraphs/lib/auth/catalogue';

@Resolver()
class CatalogueProbe {
  @Query(() => Role, { description: 'probe' })
  role(): Role {
    return Role.CITIZEN;
  }

  @Query(() => Purpose, { description: 'probe' })
  purpose(): Purpose {
    return Purpose.SELF_SERVICE;
  }
}

describe('the role and purpose catalogue', () => {
  it('describes every purpose with legal ground, retention and typical roles of the catalogue', () => {
    expect(Object.keys(PURPOSE_CATALOGUE).sort()).toEqual(Object.values(Purpose).sort());
    for (const entry of Object.values(PURPOSE_CATALOGUE)) {
      expect(entry.legalGround).not.toBe('');
      expect(entry.retention).not.toBe('');
      expect(entry.typicalRoles.length).toBeGreaterThan(0);
      for (const role of entry.typicalRoles) expect(Object.values(Role)).toContain(role);
    }
    expect(Object.keys(ROLE_CATALOGUE).sort()).toEqual(Object.values(Role).sort());
  });

  it('keeps the 24-month cap of the Cassa Edile convention on the data the fund receives', () => {
    expect(PURPOSE_CATALOGUE.REGULARITY_CHECK.retention).toBe('24 months at most after receipt, deleted when the checks are done');
    expect(PURPOSE_CATALOGUE.CASSA_EDILE_NOTIFICATION.retention).toMatch(/24 months at most/);
    expect(PURPOSE_CATALOGUE.TRAINING_RECORD.retention).toMatch(/24 months at most/);
  });

  it('puts the legal ground and retention into the schema documentation of the enums', async () => {
    const schema = await buildSchema({ resolvers: [CatalogueProbe], validate: false });
    const purpose = schema.getType('Purpose') as GraphQLEnumType;
    const role = schema.getType('Role') as GraphQLEnumType;
    expect(purpose.getValues().map((v) => v.name)).toEqual(Object.values(Purpose));
    expect(role.getValues().map((v) => v.name)).toEqual(Object.values(Role));
    expect(purpose.getValue('REGULARITY_CHECK')?.description).toMatch(/Legal ground: convention arts\. 1 and 3.*Retention: 24 months at most after receipt/);
    expect(purpose.getValue('EMPLOYMENT_SERVICES')?.description).toMatch(/D\.Lgs\. 150\/2015 arts\. 18-21/);
    for (const value of [...purpose.getValues(), ...role.getValues()]) expect(value.description).toBeTruthy();
    expect(role.getValue('CASSA_EDILE')?.description).toMatch(/Cassa Edile.*Sees: construction-sector employers/);
  });
});
