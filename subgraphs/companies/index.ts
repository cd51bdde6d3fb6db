import { type SubgraphModule } from '../lib/subgraph';
import { type CompaniesContext } from './context';
import { Employer, WorkSite } from './employer/employer.entity';
import { EmployerResolver, WorkSiteResolver } from './employer/employer.resolver';
import { createLoaders, type CompaniesLoaders } from './loaders';
import { MandatoryNotice } from './mandatory-notice/mandatory-notice.entity';
import { MandatoryNoticeResolver } from './mandatory-notice/mandatory-notice.resolver';
import { migrations } from './migrations';
import { rowScopes } from './scopes';
import { EmploymentRelationship } from './relationship/employment-relationship.entity';
import { EmploymentRelationshipResolver } from './relationship/employment-relationship.resolver';
import { resolveWorkerReference, WorkerEmploymentResolver } from './worker/worker.resolver';

/** `_entities` for MandatoryNotice: by id or by communication code, through the request's loaders. */
function resolveNoticeReference(reference: { id?: string; code?: string }, ctx: CompaniesContext): Promise<MandatoryNotice | null> | null {
  if (reference.id != null) return ctx.loaders.noticeById.load(reference.id);
  if (reference.code != null) return ctx.loaders.noticeByCode.load(reference.code);
  return null;
}

/** The companies subgraph: employers, mandatory notices (CO) and the employment relationships they derive. */
export const companiesSubgraph: SubgraphModule<CompaniesLoaders> = {
  name: 'companies',
  entities: [Employer, WorkSite, EmploymentRelationship, MandatoryNotice],
  resolvers: [EmployerResolver, WorkSiteResolver, MandatoryNoticeResolver, EmploymentRelationshipResolver, WorkerEmploymentResolver],
  referenceResolvers: {
    Employer: {
      __resolveReference: (reference: { fiscalCode: string }, ctx: CompaniesContext) => ctx.loaders.employerByFiscalCode.load(reference.fiscalCode),
    },
    WorkSite: {
      __resolveReference: (reference: { id: string }, ctx: CompaniesContext) => ctx.loaders.workSiteById.load(reference.id),
    },
    MandatoryNotice: { __resolveReference: resolveNoticeReference },
    EmploymentRelationship: {
      __resolveReference: (reference: { id: string }, ctx: CompaniesContext) => ctx.loaders.relationshipById.load(reference.id),
    },
    Worker: { __resolveReference: resolveWorkerReference },
  },
  createLoaders,
  rowScopes,
  migrations,
};
