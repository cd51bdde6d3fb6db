import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { ServicePointKind } from '../../lib/service-point-directory.entity';

// The kinds are the directory's own (shared with the replicas in lib); the schema describes them here.
export { ServicePointKind };
registerEnumType(ServicePointKind, {
  name: 'ServicePointKind',
  description: 'Kind of service point: job centre, decentralised job-centre desk, municipal social services, union-run social desk, Cassa Edile or patronato.',
  valuesConfig: {
    JOB_CENTRE: { description: 'Centro per l\'Impiego (CPI), e.g. CPI Milano via Strozzi or an AFOL Metropolitana CPI.' },
    JOB_CENTRE_DESK: { description: 'Decentralised job-centre desk (sportello decentrato del CPI), e.g. in an ALER public-housing (ERP) neighbourhood; belongs to a job centre.' },
    SOCIAL_SERVICES: { description: 'Municipal social services (servizi sociali del Comune / Ambito): segretariato sociale, servizio sociale professionale.' },
    SOCIAL_DESK: { description: 'Sportello sociale run with a union (e.g. Comune di Cremona with CGIL / SPI CGIL): orientation and referral, on the person\'s consent.' },
    CASSA_EDILE: { description: 'Cassa Edile, the bilateral construction-sector fund (and its union desks, e.g. Fillea).' },
    PATRONATO: { description: 'Patronato or CAF: assistance with INPS applications and tax services.' },
  },
});

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A service point (punto di servizio): a job centre (CPI) or one of its desks, social services, a sportello sociale, a Cassa Edile or a patronato.' })
@Entity({ tableName: 'service_point' })
export class ServicePoint {
  /** Tells MikroORM's types that the key is `code`, so that filters may use bare codes. */
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'Service-point code (2-20 upper-case letters, digits, dot, dash).' })
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Field(() => ServicePointKind, { nullable: true, description: 'Kind of service point (tipologia).' })
  @Index()
  @Enum({ items: () => ServicePointKind, type: 'string' })
  kind!: ServicePointKind;

  @Field(() => String, { nullable: true, description: 'Name (denominazione).' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Municipality (comune), ISTAT code.' })
  @Property({ type: 'string', length: 6 })
  municipality!: string;

  @Field(() => String, { nullable: true, description: 'Province: three-digit ISTAT province code (e.g. 015 Milano, 019 Cremona).' })
  @Index()
  @Property({ type: 'string', length: 3 })
  province!: string;

  @Field(() => String, { nullable: true, description: 'Street address (indirizzo).' })
  @Property({ type: 'string', length: 200 })
  address!: string;

  @Field(() => String, { nullable: true, description: 'Operator that runs the point (gestore), e.g. AFOL Metropolitana, a municipality, a union.' })
  @Property({ type: 'string', length: 200 })
  manager!: string;

  @Field(() => Boolean, { nullable: true, description: 'True for a desk in a public-housing neighbourhood (quartiere ERP, ALER).' })
  @Property({ type: 'boolean' })
  publicHousingNeighbourhood!: boolean;

  @Field(() => String, { nullable: true, description: 'The public-housing neighbourhood (quartiere ERP, ALER) a desk serves, e.g. San Siro; null for other points. Its desks are the ones the neighbourhood-desk indicators count.' })
  @Index()
  @Property({ type: 'string', length: 100, nullable: true })
  neighbourhood?: string | null;

  /** The job centre a decentralised desk belongs to; exposed through a loader. */
  @ManyToOne(() => ServicePoint, { nullable: true, deleteRule: 'restrict' })
  parent?: ServicePoint | null;
}
