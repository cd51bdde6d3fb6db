import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCassaEdileWebhooks } from '../../../subgraphs/companies/notification/webhooks';
import { ConfigError } from '../../../subgraphs/lib/config';

const dir = mkdtempSync(join(tmpdir(), 'webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = 'k'.repeat(32);

function fileWith(content: string): NodeJS.ProcessEnv {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  return { CASSA_EDILE_WEBHOOKS_FILE: path };
}

function problems(source: NodeJS.ProcessEnv): string[] {
  try {
    loadCassaEdileWebhooks(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
  }
  return [];
}

describe('Cassa Edile webhook registry (CASSA_EDILE_WEBHOOKS_FILE)', () => {
  it('is empty when no file is configured', () => {
    expect(loadCassaEdileWebhooks({})).toEqual([]);
  });

  it('reads the registered webhooks', () => {
    const list = [
      { code: 'MI00', url: 'https://cassa.example/hooks/co', secret: SECRET },
      { code: 'CR00', url: 'https://cr.example/co', secret: SECRET },
    ];
    expect(loadCassaEdileWebhooks(fileWith(JSON.stringify(list)))).toEqual(list);
  });

  it('names the entry and field of every problem, never the secret', () => {
    const found = problems(
      fileWith(JSON.stringify([{ code: 'mi', url: 'not a url', secret: 'short' }, { code: 'MI00', url: 'https://a.example', secret: SECRET }, { code: 'MI00', url: 'https://b.example', secret: SECRET }])),
    );
    expect(found).toEqual([
      'CASSA_EDILE_WEBHOOKS_FILE: entry 1 code: must be a Cassa Edile code of 2-10 capital letters and digits',
      'CASSA_EDILE_WEBHOOKS_FILE: entry 1 url: must be a URL',
      'CASSA_EDILE_WEBHOOKS_FILE: entry 1 secret: must be at least 32 characters',
      'CASSA_EDILE_WEBHOOKS_FILE: entry 3 code: is registered twice',
    ]);
    expect(found.join(' ')).not.toContain('short');
  });

  it('says when the file is missing or not JSON, or not a list', () => {
    expect(problems({ CASSA_EDILE_WEBHOOKS_FILE: join(dir, 'missing.json') })).toEqual(['CASSA_EDILE_WEBHOOKS_FILE: the file does not exist']);
    expect(problems(fileWith('{ nope'))).toEqual(['CASSA_EDILE_WEBHOOKS_FILE: the file is not valid JSON']);
    expect(problems(fileWith('{}'))[0]).toMatch(/^CASSA_EDILE_WEBHOOKS_FILE: the file \(a list of \{ code, url, secret \}\): /);
  });
});
