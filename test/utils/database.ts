import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Server the PostgreSQL suite uses (`TEST_POSTGRES_URL`, default the machine's trust-auth server). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Which database the current vitest project runs against. */
export function testPlatform(): 'sqlite' | 'postgresql' {
  return process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** A fresh, empty database for one test file, and how to throw it away. */
export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database on the current platform (in-memory SQLite, or a new PostgreSQL database). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  if (testPlatform() === 'sqlite') return { url: ':memory:', drop: async () => {} };
  const name = `lg_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
