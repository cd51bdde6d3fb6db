/**
 * Checks an answer against the literal expectations of a key case (see cases.ts).
 */
import { type Expectation } from './cases';
import { sameValue } from './values';
import { type GraphQLErrorLike } from './walk';

function at(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const step of path) {
    if (value === null || value === undefined) return value;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v)?.slice(0, 200));

/** Every way the answer differs from the expectations; empty when it matches. */
export function checkExpectations(
  expectations: Record<string, Expectation>,
  answer: { data?: Record<string, unknown> | null; errors?: GraphQLErrorLike[] },
): string[] {
  const problems: string[] = [];
  const errors = answer.errors ?? [];
  const pathOf = (e: GraphQLErrorLike) => (e.path ?? []).join('.');
  const forbiddenPaths = new Set<string>();
  for (const [path, expectation] of Object.entries(expectations)) {
    const steps = path.split('.');
    const value = at(answer.data, steps);
    const here = errors.filter((e) => pathOf(e) === path);
    const below = errors.filter((e) => pathOf(e) === path || pathOf(e).startsWith(`${path}.`));
    if (expectation === 'FORBIDDEN') {
      forbiddenPaths.add(path);
      if (value !== null) problems.push(`${path}: expected null + FORBIDDEN, got ${show(value)}`);
      if (!here.some((e) => e.extensions?.code === 'FORBIDDEN')) problems.push(`${path}: expected a FORBIDDEN error at this path, errors here: ${show(here.map((e) => e.extensions?.code))}`);
      continue;
    }
    if (expectation === 'ABSENT') {
      if (value !== null) problems.push(`${path}: expected null (no such row for the caller), got ${show(value)}`);
      if (below.length) problems.push(`${path}: expected no error, got ${show(below.map((e) => [e.extensions?.code, e.message]))}`);
      continue;
    }
    if (here.length) problems.push(`${path}: expected released, got errors ${show(here.map((e) => [e.extensions?.code, e.message]))}`);
    if (expectation === 'RELEASED') {
      if (value === null || value === undefined) problems.push(`${path}: expected a value, got ${show(value)}`);
    } else if ('ids' in expectation) {
      const key = expectation.key ?? 'id';
      if (!Array.isArray(value)) problems.push(`${path}: expected a list of ${show(expectation.ids)}, got ${show(value)}`);
      else {
        const got = value.map((item) => String((item as Record<string, unknown>)?.[key])).sort();
        const want = [...expectation.ids].map(String).sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${path}: expected ${key}s ${show(want)}, got ${show(got)}`);
        for (const item of value) {
          const wrong = expectation.each?.(item);
          if (wrong) problems.push(`${path}: ${wrong}`);
        }
      }
    } else if ('every' in expectation) {
      if (!Array.isArray(value) || value.length === 0) problems.push(`${path}: expected a non-empty list, got ${show(value)}`);
      else {
        const wrong = value.filter((item) => !sameValue(at(item, expectation.every.split('.')), expectation.is));
        if (wrong.length) problems.push(`${path}: expected every ${expectation.every} to be ${show(expectation.is)}, got ${show(wrong)}`);
      }
    } else if (!sameValue(value, expectation.is)) {
      problems.push(`${path}: expected ${show(expectation.is)}, got ${show(value)}`);
    }
  }
  // A FORBIDDEN expectation at one list index stands for the same field at every index.
  const pattern = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '.#');
  const forbiddenPatterns = new Set([...forbiddenPaths].map(pattern));
  for (const error of errors) {
    if (!(error.extensions?.code === 'FORBIDDEN' && forbiddenPatterns.has(pattern(pathOf(error))))) {
      problems.push(`unexpected error at ${pathOf(error) || '(request)'}: ${error.extensions?.code} ${error.message}`);
    }
  }
  return problems;
}
