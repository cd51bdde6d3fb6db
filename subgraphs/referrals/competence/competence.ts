import { registerEnumType } from 'type-graphql';
import { JOB_CENTRE_KINDS, ServicePointKind } from '../../lib/service-point-directory.entity';

/** Which rule made a service point competent for a person. */
export enum CompetenceRule {
  SERVICE_PACT = 'SERVICE_PACT',
  AVAILABILITY_DECLARATION = 'AVAILABILITY_DECLARATION',
  PROFESSIONAL_RECORD = 'PROFESSIONAL_RECORD',
  INCLUSION_PACT = 'INCLUSION_PACT',
  DOMICILE = 'DOMICILE',
}
registerEnumType(CompetenceRule, {
  name: 'CompetenceRule',
  description: 'The rule that made a service point competent for a person, in order of precedence.',
  valuesConfig: {
    SERVICE_PACT: { description: 'The job centre holding the person\'s open service pact (PSP).' },
    AVAILABILITY_DECLARATION: { description: 'The job centre holding the person\'s active DID.' },
    PROFESSIONAL_RECORD: { description: 'The job centre holding the person\'s professional record (SAP).' },
    INCLUSION_PACT: { description: 'The social services of the municipality in charge of the household\'s inclusion pact (PaIS).' },
    DOMICILE: { description: 'The service of the person\'s municipality of domicile (for a job centre: else of its province).' },
  },
});

/** The facts about a person the rules look at (see PersonCompetence). */
export interface CompetenceFacts {
  domicileMunicipality: string;
  servicePactJobCentre?: string | null;
  availabilityJobCentre?: string | null;
  recordJobCentre?: string | null;
  inclusionPactMunicipality?: string | null;
}

/** Facts of a person whose workers-subgraph facts are known: a worker and a domicile. */
export type WithWorkersFacts<T> = T & { workerId: string; domicileMunicipality: string };

/**
 * Whether a replica row holds the workers subgraph's facts. A row may hold only the pacts
 * subgraph's facts (their event came first): such a person is unknown to the rules, like an
 * absent one, until the workers facts arrive.
 */
export function hasWorkersFacts<T extends { workerId?: string | null; domicileMunicipality?: string | null }>(row: T): row is WithWorkersFacts<T> {
  return !!row.workerId && !!row.domicileMunicipality;
}

/** A service point of the directory, as far as the rules need it. */
export interface DirectoryPoint {
  code: string;
  kind: ServicePointKind;
  municipality: string;
  province: string;
}

/** A competent service point and the rule that chose it. */
export interface Competence<P extends DirectoryPoint = DirectoryPoint> {
  point: P;
  rule: CompetenceRule;
}

/**
 * The competent job centre: the one holding the person's service pact, else their DID,
 * else their professional record, else by domicile (a job centre of the municipality,
 * else of the province; the lowest code when there are several). A holder code that is
 * not a job centre or desk of the directory is skipped. Null: none.
 */
export function competentJobCentre<P extends DirectoryPoint>(facts: CompetenceFacts, directory: readonly P[]): Competence<P> | null {
  const holders: [string | null | undefined, CompetenceRule][] = [
    [facts.servicePactJobCentre, CompetenceRule.SERVICE_PACT],
    [facts.availabilityJobCentre, CompetenceRule.AVAILABILITY_DECLARATION],
    [facts.recordJobCentre, CompetenceRule.PROFESSIONAL_RECORD],
  ];
  for (const [code, rule] of holders) {
    const point = code ? directory.find((p) => p.code === code && JOB_CENTRE_KINDS.includes(p.kind)) : undefined;
    if (point) return { point, rule };
  }
  const centres = directory.filter((p) => p.kind === ServicePointKind.JOB_CENTRE).sort((a, b) => a.code.localeCompare(b.code));
  const point =
    centres.find((p) => p.municipality === facts.domicileMunicipality) ?? centres.find((p) => p.province === facts.domicileMunicipality.slice(0, 3));
  return point ? { point, rule: CompetenceRule.DOMICILE } : null;
}

/**
 * The competent social services: those of the municipality in charge of the household's
 * inclusion pact, else of the person's municipality of domicile. Null: none in the directory.
 */
export function competentSocialServices<P extends DirectoryPoint>(facts: CompetenceFacts, directory: readonly P[]): Competence<P> | null {
  const byMunicipality = (municipality: string) =>
    directory.filter((p) => p.kind === ServicePointKind.SOCIAL_SERVICES && p.municipality === municipality).sort((a, b) => a.code.localeCompare(b.code))[0];
  const pact = facts.inclusionPactMunicipality ? byMunicipality(facts.inclusionPactMunicipality) : undefined;
  if (pact) return { point: pact, rule: CompetenceRule.INCLUSION_PACT };
  const home = byMunicipality(facts.domicileMunicipality);
  return home ? { point: home, rule: CompetenceRule.DOMICILE } : null;
}
