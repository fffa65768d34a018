import { z } from 'zod';
import { AppError } from './errors';
import { KEY_ID } from './storage/note-cipher';

/**
 * Configuration: every environment variable is read here, once, validated, and frozen.
 * Each variable is documented in `.env.example` (a test keeps the two in step).
 */

import { LANGUAGES, type Language } from './i18n/languages';

/** The languages (defined once in i18n/languages.ts), under the name the configuration uses. */
export const SUPPORTED_LOCALES = LANGUAGES;
export type SupportedLocale = Language;

export type StorageConfig =
  | { readonly kind: 'connectionString'; readonly connectionString: string; readonly container: string }
  | { readonly kind: 'embedded'; readonly dir: string; readonly port: number; readonly container: string };

/** One key of the note key ring (see `NoteCipher`). */
export interface NoteKeyConfig {
  readonly id?: string;
  readonly key: Buffer;
}

export interface AppConfig {
  /** `local` allows the embedded storage and an empty bot identity (no authentication). */
  readonly env: 'local' | 'production';
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly maxRequestBytes: number;
    readonly shutdownTimeoutMs: number;
    /** The bot's public address for links it hands out (`https://…`, no trailing slash); '' when not set. */
    readonly publicBaseUrl: string;
  };
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId: string;
    readonly certificateThumbprint: string;
    readonly certificateKeyFile: string;
    readonly openIdMetadataUrl: string;
    /** Entra ID tenants (lower-case GUIDs) whose Teams may use the bot; empty (local runs only) serves every tenant. */
    readonly allowedTenantIds: readonly string[];
  };
  readonly storage: StorageConfig;
  /**
   * The note key ring (AES-256), newest first: the first key seals, every key opens. A key without
   * an id (NOTE_ENCRYPTION_KEY) is named by its fingerprint, as every blob sealed before key rings.
   * Undefined in a local run without keys (a generated key file in .data/ is used).
   */
  readonly noteKeys?: readonly NoteKeyConfig[];
  readonly defaultLocale: SupportedLocale;
  /** Office hours, typed times and dates in notes are read in this zone. */
  readonly timeZone: string;
  readonly forwarding: {
    /** The routing directory (YAML); '' for the shipped Playground example. */
    readonly directoryFile: string;
    /** How often each instance looks for due deliveries. */
    readonly outboxPollMs: number;
    /** First retry delay (doubling, with jitter) and how many attempts before a delivery is dead-lettered. */
    readonly retryBaseMs: number;
    readonly maxAttempts: number;
    /** Deliveries one instance works at once. */
    readonly concurrency: number;
    /** How long a delivery in progress stays hidden from other instances without renewal (a crashed holder's item returns after this). */
    readonly holdMs: number;
    /** Acknowledgement deadlines before a case goes to the next person on its ladder. */
    readonly escalation: { readonly p1Minutes: number; readonly p2Minutes: number; readonly p3NextWorkingDayAt: string };
    readonly escalationCheckMs: number;
    /** Closed and withdrawn cases are deleted (counts kept) this many days after their last change; 0 keeps them. */
    readonly retentionDays: number;
  };
  readonly intake: {
    /** An unfinished report is kept this long after its last answer. */
    readonly draftTtlMs: number;
  };
  readonly knowledge: {
    /** The role assumed for everyone until roles are resolved from the directory (least privilege: partner). */
    /** YAML file with the municipality's values for the knowledge-base placeholders; '' for neutral wording. */
    readonly localValuesFile: string;
    /** Share of a question an article must cover before it is shown (0..1). */
    readonly minConfidence: number;
    /** How often each instance checks which published knowledge-base version is current. */
    readonly refreshMs: number;
    /** A routine is due for review this many months after its last review (monthly reminders to its owners). */
    readonly reviewMonths: number;
    /** `generative` lets a language model phrase answers from the retrieved article, behind the fact guard. */
    readonly answerMode: 'plain' | 'generative';
    readonly model?:
      | { readonly provider: 'openai'; readonly apiKey: string; readonly model: string }
      | { readonly provider: 'azure'; readonly apiKey: string; readonly endpoint: string; readonly deployment: string };
  };
  readonly statistics: {
    /** How long a statistics CSV download link works, in minutes. */
    readonly linkMinutes: number;
  };
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Azure container names: 3-63 chars, lower-case letters, digits and single dashes.
const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

const optionalString = z.string().trim().optional().default('');
const isKey = (base64: string) => Buffer.from(base64, 'base64').length === 32;
const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });
/** Minutes, decimals allowed (0.05 = 3 s, for drills and tests), above 0 and at most `max`. */
const minutes = (max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = /^\d*\.?\d+$/.test(v) ? Number(v) : NaN;
      if (!(n > 0 && n <= max)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a number of minutes above 0 and at most ${max}` });
        return z.NEVER;
      }
      return n;
    });
const oneOf = <const T extends string>(values: readonly [T, ...T[]], fallback: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!(values as readonly string[]).includes(v)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be one of ${values.join(', ')}` });
        return z.NEVER;
      }
      return v as T;
    });
const matching = (re: RegExp, what: string) =>
  optionalString.refine((v) => v === '' || re.test(v), { message: `must be ${what}` });

/** Every variable the app reads, and its rule. Secrets are marked so their values are never echoed. */
const ENV_SCHEMA = z.object({
  APP_ENV: oneOf(['local', 'production'], 'production'),
  HOST: optionalString,
  PORT: int(0, 65535, 3978),
  MAX_REQUEST_BYTES: int(1024, 4 * 1024 * 1024, 256 * 1024),
  SHUTDOWN_TIMEOUT_MS: int(0, 120_000, 10_000),
  PUBLIC_BASE_URL: matching(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'an http(s) address without query, e.g. https://samverka.example.org').transform((v) => v.replace(/\/+$/, '')),
  STATISTICS_LINK_MINUTES: int(1, 24 * 60, 15),
  MICROSOFT_APP_ID: matching(GUID, 'a GUID'),
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TYPE: oneOf(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], 'SingleTenant'),
  MICROSOFT_APP_TENANT_ID: matching(GUID, 'a GUID'),
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: matching(/^[0-9a-f]{40}$/i, 'a 40-character hex SHA-1 thumbprint'),
  MICROSOFT_APP_CERTIFICATE_KEY_FILE: optionalString,
  BOT_OPENID_METADATA_URL: matching(/^https?:\/\/\S+$/, 'an http(s) URL'),
  BOT_ALLOWED_TENANT_IDS: optionalString.transform((v, ctx) => {
    const ids = v.split(',').map((id) => id.trim().toLowerCase()).filter((id) => id !== '');
    if (ids.some((id) => !GUID.test(id))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be Entra ID tenant ids (GUIDs), separated by commas' });
      return z.NEVER;
    }
    return [...new Set(ids)];
  }),
  STORAGE_CONNECTION_STRING: optionalString,
  STORAGE_CONTAINER: matching(CONTAINER, 'a valid blob container name (3-63 lower-case letters, digits, dashes)').transform(
    (v) => v || 'samverka',
  ),
  EMBEDDED_STORAGE_DIR: optionalString.transform((v) => v || '.data/azurite'),
  EMBEDDED_STORAGE_PORT: int(0, 65535, 0),
  DEFAULT_LOCALE: oneOf(LANGUAGES, 'sv'),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error', 'silent'], 'info'),
  NOTE_ENCRYPTION_KEY: optionalString.refine((v) => v === '' || isKey(v), {
    message: 'must be 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
  }),
  NOTE_ENCRYPTION_KEYS: optionalString.transform((v, ctx) => {
    if (v === '') return [];
    const entries = v.split(',').map((entry) => entry.trim());
    const ring: { id: string; key: Buffer }[] = [];
    for (const [i, entry] of entries.entries()) {
      const colon = entry.indexOf(':');
      const id = entry.slice(0, colon).trim();
      const key = entry.slice(colon + 1).trim();
      if (colon < 0 || !KEY_ID.test(id) || !isKey(key)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `entry ${i + 1} must be id:key, with an id of up to 40 letters, digits, '.', '_' or '-' and a key of 32 random bytes, base64-encoded`,
        });
        return z.NEVER;
      }
      ring.push({ id, key: Buffer.from(key, 'base64') });
    }
    if (new Set(ring.map((k) => k.id)).size !== ring.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'names a key id twice' });
      return z.NEVER;
    }
    if (new Set(ring.map((k) => k.key.toString('base64'))).size !== ring.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'lists the same key twice' });
      return z.NEVER;
    }
    return ring;
  }),
  TIME_ZONE: optionalString
    .transform((v) => v || 'Europe/Stockholm')
    .refine((v) => {
      try {
        new Intl.DateTimeFormat('sv-SE', { timeZone: v });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Stockholm'),
  INTAKE_DRAFT_TTL_HOURS: int(1, 24 * 90, 48),
  ROUTING_DIRECTORY_FILE: optionalString,
  OUTBOX_POLL_MS: int(100, 60_000, 1_000),
  OUTBOX_RETRY_BASE_MS: int(10, 600_000, 1_000),
  OUTBOX_MAX_ATTEMPTS: int(1, 100, 8),
  OUTBOX_CONCURRENCY: int(1, 64, 8),
  OUTBOX_HOLD_SECONDS: int(2, 600, 30),
  ESCALATION_P1_MINUTES: minutes(24 * 60, 15),
  ESCALATION_P2_MINUTES: minutes(7 * 24 * 60, 240),
  ESCALATION_P3_AT: matching(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM').transform((v) => v || '12:00'),
  ESCALATION_CHECK_MS: int(1_000, 3_600_000, 30_000),
  RETENTION_DAYS: int(0, 3_650, 0),
  KB_LOCAL_VALUES_FILE: optionalString,
  KB_REFRESH_SECONDS: int(1, 3_600, 30),
  KB_REVIEW_MONTHS: int(1, 120, 12),
  ANSWER_MODE: oneOf(['plain', 'generative'], 'plain'),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString.transform((v) => v || 'gpt-4o-mini'),
  AZURE_OPENAI_API_KEY: optionalString,
  AZURE_OPENAI_ENDPOINT: matching(/^https:\/\/\S+$/, 'an https URL'),
  AZURE_OPENAI_DEPLOYMENT: optionalString,
  KB_MIN_CONFIDENCE: optionalString.transform((v, ctx) => {
    if (v === '') return 0.6;
    const n = Number(v);
    if (!/^\d*\.?\d+$/.test(v) || n <= 0 || n > 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a number above 0 and at most 1' });
      return z.NEVER;
    }
    return n;
  }),
});

/** The variable names `loadConfig` reads (used by the `.env.example` consistency test). */
export const CONFIG_VARIABLES = Object.keys(ENV_SCHEMA.shape) as (keyof typeof ENV_SCHEMA.shape)[];

const SECRET_VARIABLES = new Set(['MICROSOFT_APP_PASSWORD', 'STORAGE_CONNECTION_STRING', 'NOTE_ENCRYPTION_KEY', 'NOTE_ENCRYPTION_KEYS', 'OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY']);

type Problem = { variable: string; message: string };

function crossChecks(env: z.infer<typeof ENV_SCHEMA>): Problem[] {
  const problems: Problem[] = [];
  const isLocal = env.APP_ENV === 'local';
  if (!isLocal && env.MICROSOFT_APP_ID === '') {
    problems.push({
      variable: 'MICROSOFT_APP_ID',
      message: 'is required unless APP_ENV=local (an empty id turns off authentication)',
    });
  }
  if (!isLocal && env.BOT_ALLOWED_TENANT_IDS.length === 0) {
    problems.push({ variable: 'BOT_ALLOWED_TENANT_IDS', message: 'is required unless APP_ENV=local (the Entra ID tenants whose Teams may use the bot)' });
  }
  if (!isLocal && env.NOTE_ENCRYPTION_KEY === '' && env.NOTE_ENCRYPTION_KEYS.length === 0) {
    problems.push({ variable: 'NOTE_ENCRYPTION_KEY', message: 'or NOTE_ENCRYPTION_KEYS is required unless APP_ENV=local (local runs keep a generated key in .data/)' });
  }
  if (!isLocal && env.STORAGE_CONNECTION_STRING === '') {
    problems.push({
      variable: 'STORAGE_CONNECTION_STRING',
      message: 'is required unless APP_ENV=local (local runs start an embedded Azurite)',
    });
  }
  if (!isLocal && env.PUBLIC_BASE_URL.startsWith('http:')) {
    problems.push({ variable: 'PUBLIC_BASE_URL', message: 'must be an https address unless APP_ENV=local (download links carry their own key)' });
  }
  const loopback = ['127.0.0.1', 'localhost', '::1', ''].includes(env.HOST);
  if (env.MICROSOFT_APP_ID === '' && !loopback) {
    problems.push({ variable: 'HOST', message: 'must be a loopback address (127.0.0.1) when MICROSOFT_APP_ID is empty: without an identity every request is accepted' });
  }
  if (env.ANSWER_MODE === 'generative') {
    const azure = env.AZURE_OPENAI_ENDPOINT !== '' || env.AZURE_OPENAI_API_KEY !== '' || env.AZURE_OPENAI_DEPLOYMENT !== '';
    if (azure && (env.AZURE_OPENAI_ENDPOINT === '' || env.AZURE_OPENAI_API_KEY === '' || env.AZURE_OPENAI_DEPLOYMENT === '')) {
      problems.push({ variable: 'AZURE_OPENAI_ENDPOINT', message: 'AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT must all be set for Azure OpenAI' });
    }
    if (!azure && env.OPENAI_API_KEY === '') {
      problems.push({ variable: 'ANSWER_MODE', message: 'generative needs OPENAI_API_KEY or the AZURE_OPENAI_* variables' });
    }
  }
  if (env.MICROSOFT_APP_ID !== '') {
    if (env.MICROSOFT_APP_TYPE !== 'MultiTenant' && env.MICROSOFT_APP_TENANT_ID === '') {
      problems.push({ variable: 'MICROSOFT_APP_TENANT_ID', message: `is required when MICROSOFT_APP_TYPE=${env.MICROSOFT_APP_TYPE}` });
    }
    const hasCert = env.MICROSOFT_APP_CERTIFICATE_THUMBPRINT !== '' || env.MICROSOFT_APP_CERTIFICATE_KEY_FILE !== '';
    if (hasCert && (env.MICROSOFT_APP_CERTIFICATE_THUMBPRINT === '' || env.MICROSOFT_APP_CERTIFICATE_KEY_FILE === '')) {
      problems.push({
        variable: 'MICROSOFT_APP_CERTIFICATE_KEY_FILE',
        message: 'and MICROSOFT_APP_CERTIFICATE_THUMBPRINT must be set together',
      });
    }
    if (env.MICROSOFT_APP_TYPE === 'UserAssignedMSI' && env.MICROSOFT_APP_PASSWORD !== '') {
      problems.push({ variable: 'MICROSOFT_APP_PASSWORD', message: 'must be empty when MICROSOFT_APP_TYPE=UserAssignedMSI' });
    }
    if (env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && env.MICROSOFT_APP_PASSWORD === '' && !hasCert) {
      problems.push({
        variable: 'MICROSOFT_APP_PASSWORD',
        message: 'or a certificate (MICROSOFT_APP_CERTIFICATE_*) is required when MICROSOFT_APP_ID is set',
      });
    }
  }
  return problems;
}

function describe(problem: Problem, env: NodeJS.ProcessEnv): string {
  const raw = env[problem.variable];
  const shown = raw !== undefined && raw !== '' && !SECRET_VARIABLES.has(problem.variable) ? ` (got "${raw.slice(0, 40)}")` : '';
  return `${problem.variable} ${problem.message}${shown}`;
}

function deepFreeze<T>(value: T): T {
  // Buffers (the encryption key) cannot be frozen and are never shared outside the root.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Parse and validate the environment once.
 * @throws AppError('CONFIG_INVALID') whose one-line message names every bad variable.
 * @example loadConfig({ APP_ENV: 'local', PORT: '3978' }).server.port === 3978
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const picked = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, env[name]]));
  const parsed = ENV_SCHEMA.safeParse(picked);
  const problems: Problem[] = parsed.success
    ? crossChecks(parsed.data)
    : parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message }));
  if (!parsed.success || problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${problems.map((p) => describe(p, env)).join('; ')}`);
  }
  const e = parsed.data;
  // NOTE_ENCRYPTION_KEYS newest first; the single NOTE_ENCRYPTION_KEY (no id) is the oldest, unless the ring lists it already.
  const single = e.NOTE_ENCRYPTION_KEY ? Buffer.from(e.NOTE_ENCRYPTION_KEY, 'base64') : undefined;
  const noteKeys: NoteKeyConfig[] = [...e.NOTE_ENCRYPTION_KEYS, ...(single && !e.NOTE_ENCRYPTION_KEYS.some((k) => k.key.equals(single)) ? [{ key: single }] : [])];
  const storage: StorageConfig =
    e.STORAGE_CONNECTION_STRING !== ''
      ? { kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING, container: e.STORAGE_CONTAINER }
      : { kind: 'embedded', dir: e.EMBEDDED_STORAGE_DIR, port: e.EMBEDDED_STORAGE_PORT, container: e.STORAGE_CONTAINER };
  return deepFreeze<AppConfig>({
    env: e.APP_ENV,
    // Local runs (no identity) stay on loopback; a deployed bot listens on every interface.
    server: { host: e.HOST || (e.MICROSOFT_APP_ID === '' ? '127.0.0.1' : '0.0.0.0'), port: e.PORT, maxRequestBytes: e.MAX_REQUEST_BYTES, shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS, publicBaseUrl: e.PUBLIC_BASE_URL },
    bot: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      certificateThumbprint: e.MICROSOFT_APP_CERTIFICATE_THUMBPRINT,
      certificateKeyFile: e.MICROSOFT_APP_CERTIFICATE_KEY_FILE,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      allowedTenantIds: e.BOT_ALLOWED_TENANT_IDS,
    },
    storage,
    ...(noteKeys.length > 0 ? { noteKeys } : {}),
    defaultLocale: e.DEFAULT_LOCALE,
    timeZone: e.TIME_ZONE,
    forwarding: { directoryFile: e.ROUTING_DIRECTORY_FILE, outboxPollMs: e.OUTBOX_POLL_MS, retryBaseMs: e.OUTBOX_RETRY_BASE_MS,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      concurrency: e.OUTBOX_CONCURRENCY,
      holdMs: e.OUTBOX_HOLD_SECONDS * 1000,
      escalation: { p1Minutes: e.ESCALATION_P1_MINUTES, p2Minutes: e.ESCALATION_P2_MINUTES, p3NextWorkingDayAt: e.ESCALATION_P3_AT },
      escalationCheckMs: e.ESCALATION_CHECK_MS,
      retentionDays: e.RETENTION_DAYS,
    },
    intake: { draftTtlMs: e.INTAKE_DRAFT_TTL_HOURS * 3_600_000 },
    knowledge: {
      localValuesFile: e.KB_LOCAL_VALUES_FILE,
      minConfidence: e.KB_MIN_CONFIDENCE,
      refreshMs: e.KB_REFRESH_SECONDS * 1000,
      reviewMonths: e.KB_REVIEW_MONTHS,
      answerMode: e.ANSWER_MODE,
      ...(e.ANSWER_MODE !== 'generative'
        ? {}
        : e.AZURE_OPENAI_ENDPOINT !== ''
          ? { model: { provider: 'azure' as const, apiKey: e.AZURE_OPENAI_API_KEY, endpoint: e.AZURE_OPENAI_ENDPOINT, deployment: e.AZURE_OPENAI_DEPLOYMENT } }
          : { model: { provider: 'openai' as const, apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL } }),
    },
    statistics: { linkMinutes: e.STATISTICS_LINK_MINUTES },
    logLevel: e.LOG_LEVEL,
  });
}
