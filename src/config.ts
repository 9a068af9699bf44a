// The one place that reads the environment. A bad value stops start-up with one message naming every bad variable.
import { z } from 'zod';
import { isValidTimezone } from './core/index.ts';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z.string().trim().min(1).optional();

/** The bot's public https base (no query or fragment): pictures are linked from it. */
const publicUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname !== '' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an https:// URL with a host and no query, e.g. https://breaks.example.com')
  .optional();

const redisUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a redis:// or rediss:// URL with a host, e.g. redis://localhost:6379')
  .optional();

type TeamsIdentity = { [name in 'MICROSOFT_APP_ID' | 'MICROSOFT_APP_PASSWORD' | 'MICROSOFT_APP_TYPE' | 'MICROSOFT_APP_TENANT_ID']?: string | undefined };

/**
 * What a Teams bot identity lacks, in one sentence naming every missing variable: single tenant needs the app id,
 * its secret and the tenant; a user-assigned managed identity needs its client id and the tenant, and no secret.
 */
function teamsIdentityProblem(env: TeamsIdentity): string | null {
  const type = env.MICROSOFT_APP_TYPE ?? (env.MICROSOFT_APP_ID ? 'MultiTenant' : undefined);
  if (type === undefined) return null;
  const needed: Array<keyof TeamsIdentity> =
    type === 'UserAssignedMSI' ? ['MICROSOFT_APP_ID', 'MICROSOFT_APP_TENANT_ID'] : type === 'SingleTenant' ? ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'] : ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD'];
  const missing = needed.filter((name) => !env[name]);
  const named = env.MICROSOFT_APP_TYPE ? `is ${type}` : 'is unset, so MultiTenant (new registrations are SingleTenant or UserAssignedMSI)';
  const idMeans = type === 'UserAssignedMSI' ? '; MICROSOFT_APP_ID is the managed identity\'s client id' : '';
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${named}, which needs ${missing.join(' and ')}: missing${idMeans}`);
  if (type === 'UserAssignedMSI' && env.MICROSOFT_APP_PASSWORD) problems.push(`${named}, which takes no MICROSOFT_APP_PASSWORD (a managed identity has no secret): unset it`);
  return problems.length > 0 ? problems.join('; ') : null;
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
    PORT: z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0-65535 (0 picks a free port)').max(65535, 'must be 0-65535 (0 picks a free port)').default(3000),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,40}$/, 'must be 1-40 letters, digits or : . - _').default('db:'),
    REDIS_CLUSTER: boolean.default(false),
    PUBLIC_URL: publicUrl,
    DEFAULT_TIMEZONE: z.string().trim().refine(isValidTimezone, 'must be an IANA time zone name such as Europe/Berlin').default('UTC'),
    PROMPT_SPREAD_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number').min(0, 'must be 0-3600').max(3600, 'must be 0-3600').default(180),
    // Prompts a second one Slack workspace / Teams tenant takes, all instances together: a big tenant's prompts are
    // spread over members / rate after each slot. Slack allows about 1 message/s per channel and several hundred a minute per workspace.
    SLACK_SENDS_PER_SECOND: z.coerce.number({ message: 'must be a number of messages a second' }).positive('must be more than 0').max(100, 'must be at most 100').default(5),
    TEAMS_SENDS_PER_SECOND: z.coerce.number({ message: 'must be a number of messages a second' }).positive('must be more than 0').max(50, 'must be at most 50 (Teams allows 50 a second per tenant)').default(25),
    SCHEDULER_ENABLED: boolean.default(true),
    SCHEDULER_TICK_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(1, 'must be 1-59').max(59, 'must be 1-59').default(5),
    SCHEDULER_BATCH_SIZE: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be 1-5000').max(5000, 'must be 1-5000').default(200),
    SCHEDULER_LEASE_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(5, 'must be 5-3600').max(3600, 'must be 5-3600').default(60),
    // The reaper hands expired leases back; a crashed instance's jobs wait up to lease + this long (+ one tick).
    SCHEDULER_REAP_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(1, 'must be 1-59').max(59, 'must be 1-59').default(15),
    WEB_CHAT_ENABLED: boolean.optional(),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: optionalText,
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: z.string().trim().min(16, 'must be at least 16 characters').optional(),
    // An app-level token turns on Socket Mode: Slack's WebSocket instead of POST /slack/events.
    SLACK_APP_TOKEN: z.string().trim().startsWith('xapp-', 'must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write)').optional(),
    SLACK_API_URL: z.url({ message: 'must be a URL such as https://slack.com/api/' }).default('https://slack.com/api/'),
    TOKEN_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    // The key before the current one, while stored tokens move to the new key (each is re-encrypted when next read).
    TOKEN_ENCRYPTION_KEY_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }).optional(),
    MICROSOFT_APP_TENANT_ID: optionalText,
    TEAMS_ALLOW_ANONYMOUS: boolean.default(false),
    // Tests only, ignored unless NODE_ENV=test: the process kills itself (SIGKILL) when a scheduled send reaches this stage.
    TEST_CRASH_AT: z.enum(['members-read', 'answered'], { message: 'must be members-read or answered' }).optional(),
    // Opt-in: reading presence needs the Graph application permission Presence.Read.All with admin consent (docs/teams.md).
    TEAMS_PRESENCE: boolean.default(false),
    GRAPH_API_URL: z.url({ message: 'must be a URL such as https://graph.microsoft.com/v1.0/' }).default('https://graph.microsoft.com/v1.0/'),
    MICROSOFT_LOGIN_URL: z.url({ message: 'must be a URL such as https://login.microsoftonline.com/' }).default('https://login.microsoftonline.com/'),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) {
      const oauth = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
      const someOauth = oauth.some(Boolean);
      const turnedOnBy = env.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
      if (!env.SLACK_BOT_TOKEN && !someOauth) {
        ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: `is required with ${turnedOnBy} (or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for OAuth installs)` });
      }
      if (someOauth && !oauth.every(Boolean)) {
        ctx.addIssue({ code: 'custom', path: ['SLACK_CLIENT_ID'], message: 'OAuth needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET' });
      }
    }
    if (env.TOKEN_ENCRYPTION_KEY_PREVIOUS && !env.TOKEN_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['TOKEN_ENCRYPTION_KEY_PREVIOUS'], message: 'is only used with TOKEN_ENCRYPTION_KEY (the new key)' });
    }
    if (env.NODE_ENV === 'production' && env.SLACK_CLIENT_ID && !env.TOKEN_ENCRYPTION_KEY) {
      // One secret for two jobs (OAuth state and tokens at rest) is tolerated only outside production.
      ctx.addIssue({ code: 'custom', path: ['TOKEN_ENCRYPTION_KEY'], message: 'is required for OAuth installs when NODE_ENV=production (32+ random characters; not the SLACK_STATE_SECRET)' });
    }
    if (env.TEAMS_ALLOW_ANONYMOUS && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_ALLOW_ANONYMOUS'], message: 'must not be true when NODE_ENV=production (it turns off Bot Framework authentication)' });
    }
    if (env.NODE_ENV === 'production') {
      // The web chat has no login (identity is a typed name), so it never faces the network a production bot serves.
      if (env.WEB_CHAT_ENABLED === true) {
        ctx.addIssue({ code: 'custom', path: ['WEB_CHAT_ENABLED'], message: 'must not be true when NODE_ENV=production (the web chat has no login: anyone could act as anyone)' });
      } else if (!env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN && !env.MICROSOFT_APP_ID && !env.TEAMS_ALLOW_ANONYMOUS) {
        ctx.addIssue({ code: 'custom', path: ['NODE_ENV'], message: 'is production but neither Slack nor Teams is set (set SLACK_SIGNING_SECRET, SLACK_APP_TOKEN or MICROSOFT_APP_ID); the local web chat is served only outside production' });
      }
    }
    if (env.TEAMS_PRESENCE && (!env.MICROSOFT_APP_ID || !env.MICROSOFT_APP_PASSWORD || env.MICROSOFT_APP_TYPE === 'UserAssignedMSI')) {
      // The app-only Graph token is asked for with the app's own id and client secret.
      ctx.addIssue({ code: 'custom', path: ['TEAMS_PRESENCE'], message: 'needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (a client secret; a managed identity is not supported for presence)' });
    }
    const teamsProblem = teamsIdentityProblem(env);
    if (teamsProblem) ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TYPE'], message: teamsProblem });
  });

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  slackEnabled: boolean;
  slackOAuth: boolean;
  /** SLACK_APP_TOKEN is set: Slack traffic arrives over Socket Mode. */
  slackSocketMode: boolean;
  teamsEnabled: boolean;
  webChatEnabled: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as in most .env files. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    // Name the variable and the rule, never echo the value: it may be a secret.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const value = parsed.data;
  const slackEnabled = Boolean(value.SLACK_SIGNING_SECRET) || Boolean(value.SLACK_APP_TOKEN);
  const teamsEnabled = Boolean(value.MICROSOFT_APP_ID) || value.TEAMS_ALLOW_ANONYMOUS;
  return {
    ...value,
    slackEnabled,
    slackOAuth: slackEnabled && Boolean(value.SLACK_CLIENT_ID),
    slackSocketMode: Boolean(value.SLACK_APP_TOKEN),
    teamsEnabled,
    webChatEnabled: value.NODE_ENV !== 'production' && (value.WEB_CHAT_ENABLED ?? (!slackEnabled && !teamsEnabled)),
  };
}
