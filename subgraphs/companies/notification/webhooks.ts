import { z } from 'zod';
import { ConfigError, readJsonConfigFile } from '../../lib/config';

/** Where the integrated mode delivers a Cassa Edile's notifications, and the key it signs them with. */
export interface CassaEdileWebhook {
  /** The Cassa Edile's code (as in Employer.cassaEdileCode, and its token `org`). */
  code: string;
  /** HTTPS endpoint receiving the notifications (http only on loopback, in development). */
  url: string;
  /** HMAC-SHA256 key shared with the Cassa Edile (at least 32 characters). */
  secret: string;
}

const webhookSchema = z
  .array(
    z.object({
      code: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be a Cassa Edile code of 2-10 capital letters and digits'),
      url: z.string().url('must be a URL'),
      secret: z.string().min(32, 'must be at least 32 characters'),
    }),
  )
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (seen.has(entry.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: 'is registered twice' });
      seen.add(entry.code);
    });
  });

/** `entry 2 url` (entries counted from 1), or `the file` for a problem of the whole list. */
function where(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the file (a list of { code, url, secret })';
  const [index, field] = path;
  return typeof index === 'number' ? `entry ${index + 1}${field !== undefined ? ` ${String(field)}` : ''}` : String(index);
}

/**
 * The registered webhooks, from the JSON file named by `CASSA_EDILE_WEBHOOKS_FILE`
 * (`[{ "code": "MI00", "url": "https://…", "secret": "…" }]`; kept out of the environment
 * because it holds keys). None configured: an empty list (the feed still works, nothing is
 * pushed). Throws `ConfigError` naming the variable, the entry and the field.
 */
export function loadCassaEdileWebhooks(source: NodeJS.ProcessEnv = process.env): CassaEdileWebhook[] {
  const variable = 'CASSA_EDILE_WEBHOOKS_FILE';
  const path = source[variable];
  if (!path) return [];
  const raw = readJsonConfigFile(variable, path);
  const result = webhookSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => ({ variable, message: `${where(issue.path)}: ${issue.message}` })));
  }
  return result.data;
}
