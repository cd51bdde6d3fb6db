import { backgroundOf, type SubgraphModule } from '../lib/subgraph';
import { type CompaniesContext } from './context';
import { CassaEdileAnomaly, CassaEdileAnomalyChange, CassaEdileVerification } from './cassa-edile/anomaly.entity';
import { CassaEdileAnomalyResolver, CassaEdileRegistrationResolver, CassaEdileVerificationResolver, MonthlyReturnResolver } from './cassa-edile/cassa-edile.resolver';
import { MonthlyReturn, MonthlyReturnLine } from './cassa-edile/monthly-return.entity';
import { CassaEdileRegistration } from './cassa-edile/registration.entity';
import { Employer, WorkSite } from './employer/employer.entity';
import { EmployerResolver, WorkSiteResolver } from './employer/employer.resolver';
import { createLoaders, type CompaniesLoaders } from './loaders';
import { MandatoryNotice } from './mandatory-notice/mandatory-notice.entity';
import { MandatoryNoticeResolver } from './mandatory-notice/mandatory-notice.resolver';
import { CassaEdileNotificationResolver } from './notification/cassa-edile-notification.resolver';
import { dispatchCassaEdileNotifications } from './notification/dispatch';
import { OutboxEvent } from '../lib/outbox/outbox-event.entity';
import { ExportJob, exportRunner } from '../lib/export';
import { RelationshipExportResolver } from './export/relationship-export.resolver';
import { relationshipExport } from './export/relationship-export.source';
import { migrations } from './migrations';
import { CassaEdileDeletionConfirmation } from './retention/deletion-confirmation.entity';
import { runRetention } from './retention/retention.background';
import { RetentionResolver } from './retention/retention.resolver';
import { rowScopes } from './scopes';
import { auditSubjects } from './audit';
import { EmploymentRelationship } from './relationship/employment-relationship.entity';
import { EmploymentRelationshipResolver } from './relationship/employment-relationship.resolver';
import { resolveWorkerReference, WorkerEmploymentResolver } from './worker/worker.resolver';

/** A key value of a representation, when it is a string (anything else finds nothing). */
function keyOf(reference: Record<string, unknown>, key: string): string | null {
  const value = reference[key];
  return typeof value === 'string' ? value : null;
}

/**
 * Reference resolvers load by key alone, through the request's scoped loaders: a
 * representation of a row outside the caller's scope resolves to null like an unknown one,
 * and its other fields (a forged employer, domicile or sector) are never read.
 */
function byKey<T>(key: string, load: (ctx: CompaniesContext, value: string) => Promise<T | null>) {
  return (reference: Record<string, unknown>, ctx: CompaniesContext): Promise<T | null> | null => {
    const value = keyOf(reference, key);
    return value === null ? null : load(ctx, value);
  };
}

/** `_entities` for MandatoryNotice: by id or by communication code. */
function resolveNoticeReference(reference: Record<string, unknown>, ctx: CompaniesContext): Promise<MandatoryNotice | null> | null {
  const id = keyOf(reference, 'id');
  if (id !== null) return ctx.loaders.noticeById.load(id);
  const code = keyOf(reference, 'code');
  return code !== null ? ctx.loaders.noticeByCode.load(code) : null;
}

/** What the companies subgraph exports in bulk for a Cassa Edile. */
const COMPANIES_EXPORTS = { RELATIONSHIPS: relationshipExport };

/** The companies subgraph: employers, mandatory notices (CO), the employment relationships they derive, and the Cassa Edile regularity check (registrations, monthly returns, anomalies). */
export const companiesSubgraph: SubgraphModule<CompaniesLoaders> = {
  name: 'companies',
  entities: [
    Employer,
    WorkSite,
    EmploymentRelationship,
    MandatoryNotice,
    OutboxEvent,
    CassaEdileRegistration,
    MonthlyReturn,
    MonthlyReturnLine,
    CassaEdileVerification,
    CassaEdileAnomaly,
    CassaEdileAnomalyChange,
    CassaEdileDeletionConfirmation,
    ExportJob,
  ],
  resolvers: [
    EmployerResolver,
    WorkSiteResolver,
    MandatoryNoticeResolver,
    EmploymentRelationshipResolver,
    WorkerEmploymentResolver,
    CassaEdileNotificationResolver,
    CassaEdileRegistrationResolver,
    MonthlyReturnResolver,
    CassaEdileAnomalyResolver,
    CassaEdileVerificationResolver,
    RetentionResolver,
    RelationshipExportResolver,
  ],
  referenceResolvers: {
    Employer: { __resolveReference: byKey('fiscalCode', (ctx, code) => ctx.loaders.employerByFiscalCode.load(code)) },
    WorkSite: { __resolveReference: byKey('id', (ctx, id) => ctx.loaders.workSiteById.load(id)) },
    MandatoryNotice: { __resolveReference: resolveNoticeReference },
    EmploymentRelationship: { __resolveReference: byKey('id', (ctx, id) => ctx.loaders.relationshipById.load(id)) },
    Worker: { __resolveReference: resolveWorkerReference },
  },
  createLoaders,
  rowScopes,
  auditSubjects,
  migrations,
  exports: COMPANIES_EXPORTS,
  background: backgroundOf(dispatchCassaEdileNotifications, exportRunner('companies', COMPANIES_EXPORTS), runRetention),
};
