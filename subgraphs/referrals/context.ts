import { type RequestContext } from '../lib/context';
import { type ReferralsLoaders } from './loaders';

/** The request context of the referrals subgraph. */
export type ReferralsContext = RequestContext<ReferralsLoaders>;
