import { type WorkersContext } from '../context';
import { type Worker } from './worker.entity';

/** `_entities` for Worker: by id or by fiscal code, always through the request's loaders. */
export async function resolveWorkerReference(
  reference: { id?: string; fiscalCode?: string },
  ctx: WorkersContext,
): Promise<Worker | null> {
  if (reference.id != null) return ctx.loaders.workerById.load(reference.id);
  if (reference.fiscalCode != null) return ctx.loaders.workerByFiscalCode.load(reference.fiscalCode);
  return null;
}
