import { type ReferralsContext } from '../context';
import { type ServicePoint } from './service-point.entity';

/** `_entities` for ServicePoint, through the request's loader. */
export function resolveServicePointReference(reference: { code: string }, ctx: ReferralsContext): Promise<ServicePoint | null> {
  return ctx.loaders.servicePointByCode.load(reference.code);
}
