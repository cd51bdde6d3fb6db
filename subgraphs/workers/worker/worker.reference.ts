import { type WorkersContext } from '../context';
import { type Worker } from './worker.entity';

/**
 * `_entities` for Worker: by id or by fiscal code, always through the request's scoped
 * loaders, so a person outside the caller's row scope resolves to null like an unknown
 * key. Only the key is read from the representation; any other field it carries
 * (domicile, employer...) is ignored, and the entity's fields come from the database.
 */
export async function resolveWorkerReference(
  reference: { id?: unknown; fiscalCode?: unknown },
  ctx: WorkersContext,
): Promise<Worker | null> {
  if (typeof reference.id === 'string') return ctx.loaders.workerById.load(reference.id);
  if (typeof reference.fiscalCode === 'string') return ctx.loaders.workerByFiscalCode.load(reference.fiscalCode);
  return null;
}
