import 'reflect-metadata';
import { bootstrapSubgraph } from '../lib/bootstrap';
import { pactsSubgraph } from './index';

void bootstrapSubgraph(pactsSubgraph);
