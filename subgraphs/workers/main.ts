import 'reflect-metadata';
import { bootstrapSubgraph } from '../lib/bootstrap';
import { workersSubgraph } from './index';

void bootstrapSubgraph(workersSubgraph);
