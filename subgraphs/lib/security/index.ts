export * from './extraction-guard';
export * from './extraction-limits';
export { MemoryExtractionStore, type ExtractionStore, type BudgetInput, type BudgetOutcome, type RateOutcome } from './extraction-store';
export { RedisExtractionStore, createRedisClient, REDIS_CLIENT_OPTIONS } from './redis-extraction-store';
export { rateLimited } from './rate-limited';
