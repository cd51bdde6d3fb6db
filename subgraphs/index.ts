import { companiesSubgraph } from './companies';
import { type SubgraphModule } from './lib/subgraph';
import { pactsSubgraph } from './pacts';
import { referralsSubgraph } from './referrals';
import { workersSubgraph } from './workers';

/** Every subgraph of the graph, in port order. */
export const subgraphModules: SubgraphModule[] = [
  workersSubgraph as SubgraphModule,
  companiesSubgraph as SubgraphModule,
  pactsSubgraph as SubgraphModule,
  referralsSubgraph as SubgraphModule,
];

export function subgraphByName(name: string): SubgraphModule {
  const found = subgraphModules.find((m) => m.name === name);
  if (!found) throw new Error(`Unknown subgraph "${name}"; known: ${subgraphModules.map((m) => m.name).join(', ')}`);
  return found;
}
