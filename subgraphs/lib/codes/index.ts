export * from './validation-result';
export * from './fiscal-code';
export * from './place-codes';
export * from './contract-types';
export * from './working-time-codes';
export * from './transformation-codes';
export * from './ateco';
export * from './qualification';
