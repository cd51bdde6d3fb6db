import { type RequestContext } from '../lib/context';
import { type PactsLoaders } from './loaders';

/** The request context of the pacts subgraph. */
export type PactsContext = RequestContext<PactsLoaders>;
