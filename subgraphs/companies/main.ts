import 'reflect-metadata';
import { bootstrapSubgraph } from '../lib/bootstrap';
import { companiesSubgraph } from './index';

void bootstrapSubgraph(companiesSubgraph);
