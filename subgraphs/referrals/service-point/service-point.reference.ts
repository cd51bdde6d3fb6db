import { type ReferralsContext } from '../context';
import { type ServicePoint } from './service-point.entity';

/** `_entities` for ServicePoint: loaded by code alone through the request's scoped loader (the directory: every caller's rows). */
export function resolveServicePointReference(reference: { code: string }, ctx: ReferralsContext): Promise<ServicePoint | null> {
  return ctx.loaders.servicePointByCode.load(reference.code);
}
