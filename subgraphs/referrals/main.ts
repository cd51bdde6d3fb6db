import 'reflect-metadata';
import { bootstrapSubgraph } from '../lib/bootstrap';
import { referralsSubgraph } from './index';
import { referralsSettings } from './settings';

// Read the subgraph's own settings at start, so that a bad value stops the process
// (like the common configuration) instead of failing the first referral sent.
try {
  referralsSettings();
} catch (error) {
  process.stderr.write(`referrals: ${(error as Error).message}\n`);
  process.exit(78);
}
void bootstrapSubgraph(referralsSubgraph);
