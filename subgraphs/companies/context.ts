import { type RequestContext } from '../lib/context';
import { type CompaniesLoaders } from './loaders';

/** The request context of the companies subgraph. */
export type CompaniesContext = RequestContext<CompaniesLoaders>;
