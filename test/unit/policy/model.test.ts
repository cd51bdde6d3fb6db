import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { grantKey, loadPolicy, PolicyError } from '../../../subgraphs/lib/policy/model';

const AUDIENCES = `
anyone:
  description: every caller
  grants: '*'
job-centre:
  description: CPI
  grants: [CPI_OPERATOR EMPLOYMENT_SERVICES, CPI_OPERATOR REFERRAL]
`;
const SCOPES = `
all:
  description: every row
territory:
  description: the operator's territory
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function policyDir(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'policy-'));
  for (const [name, content] of Object.entries({ 'audiences.yaml': AUDIENCES, 'scopes.yaml': SCOPES, ...files })) {
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function problemsOf(files: Record<string, string>): string[] {
  try {
    loadPolicy(policyDir(files));
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadPolicy', () => {
  it('resolves audiences and single pairs into the allowed (role, purpose) pairs', () => {
    const policy = loadPolicy(
      policyDir({
        'demo.yaml': `
Worker:
  rows: { CPI_OPERATOR: territory, CITIZEN: all }
  fields:
    id: anyone
    name: [job-centre, CITIZEN SELF_SERVICE]
`,
      }),
    );
    const worker = policy.subgraphs.demo?.types.Worker;
    expect(worker?.rows).toEqual({ CPI_OPERATOR: 'territory', CITIZEN: 'all' });
    expect(worker?.fields.id?.everyone).toBe(true);
    const name = worker?.fields.name;
    expect(name?.everyone).toBe(false);
    expect([...(name?.allowed ?? [])].sort()).toEqual(
      [grantKey('CITIZEN', 'SELF_SERVICE'), grantKey('CPI_OPERATOR', 'EMPLOYMENT_SERVICES'), grantKey('CPI_OPERATOR', 'REFERRAL')].sort(),
    );
  });

  it('reports every problem with its file and path, not just the first', () => {
    const problems = problemsOf({
      'demo.yaml': `
Worker:
  rows: { CPI_OPERATR: territory, CITIZEN: everywhere }
  fields:
    id: anybody
    name: [CPI_OPERATOR STATISTIC]
`,
    });
    expect(problems).toEqual([
      'demo.yaml: Worker.rows: unknown role "CPI_OPERATR"',
      'demo.yaml: Worker.rows.CITIZEN: unknown scope "everywhere"',
      'demo.yaml: Worker.fields.id: "anybody" is neither an audience nor "ROLE PURPOSE"',
      'demo.yaml: Worker.fields.name: "CPI_OPERATOR STATISTIC" is neither an audience nor "ROLE PURPOSE"',
    ]);
  });

  it('refuses malformed files and audiences with unknown codes', () => {
    const problems = problemsOf({
      'audiences.yaml': `${AUDIENCES}\nbroken:\n  description: x\n  grants: [CPI_OPERATOR]\n`,
      'demo.yaml': 'Worker:\n  fields: 3\n',
    });
    expect(problems).toContain('audiences.yaml: broken.grants.0: "CPI_OPERATOR" is not "ROLE PURPOSE" with codes of the catalogue');
    expect(problems.some((p) => p.startsWith('demo.yaml: Worker.fields:'))).toBe(true);
  });

  it('requires the anyone audience and the all scope', () => {
    const problems = problemsOf({ 'audiences.yaml': 'x:\n  description: y\n  grants: [CITIZEN SELF_SERVICE]\n', 'scopes.yaml': 'self:\n  description: s\n' });
    expect(problems).toEqual([
      'audiences.yaml: the audience "anyone" must exist with grants: \'*\'',
      'scopes.yaml: the scope "all" must exist',
    ]);
  });
});
