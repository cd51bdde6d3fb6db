import { type RequestContext } from '../lib/context';
import { type WorkersLoaders } from './loaders';

/** The request context of the workers subgraph. */
export type WorkersContext = RequestContext<WorkersLoaders>;
