#!/usr/bin/env node
// `npm test`: the unit suite, the SQLite suite and, when a PostgreSQL server answers,
// the PostgreSQL suite. Without PostgreSQL it says plainly that the suite was skipped;
// under CI (CI=true) a missing server is a failure, never a skip.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ci = /^(1|true)$/i.test(process.env.CI ?? '');

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const redacted = url.replace(/\/\/[^@]*@/, '//');
const answer = await postgresAnswers();
const projects = ['unit', 'sqlite'];
let notice = '';
if (answer === true) {
  projects.push('postgresql');
} else if (ci) {
  console.error(`PostgreSQL at ${redacted} does not answer (${answer}); CI must run the PostgreSQL suite. Start the server (see .ci/run).`);
  process.exit(1);
} else {
  notice = `PostgreSQL suite SKIPPED: no server answers at ${redacted} (${answer}). Set TEST_POSTGRES_URL or start PostgreSQL to run it.`;
  console.warn(notice);
}

const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit' });
if (notice) console.warn(`\n${notice}`);
process.exit(result.status ?? 1);
