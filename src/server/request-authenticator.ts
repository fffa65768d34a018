import type { Activity } from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import { decode, NotBeforeError, TokenExpiredError, verify } from 'jsonwebtoken';
import { OpenIdKeysUnavailableError, type SigningKey } from './openid-keys';

/**
 * Why a request to /api/messages was refused, as logged (one line) and answered (status only).
 * @remarks Not `ErrorCode`s: nothing went wrong and no user is told; they name an outcome of the
 * HTTP edge for operators, like the 4xx statuses restify logs.
 */
export const REFUSAL_CODES = ['AUTH_TOKEN_MISSING', 'AUTH_TOKEN_INVALID', 'AUTH_KEYS_UNAVAILABLE', 'AUTH_TENANT_NOT_ALLOWED'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  readonly status: 401 | 403 | 503;
  readonly code: RefusalCode;
  /** A fixed word (never text from the request or the library): `expired`, `audience`, `tenant_not_allowed`... */
  readonly reason: string;
  /** The unexpected error behind a `rejected` refusal, for its name in the log line. */
  readonly cause?: unknown;
}

export type AuthenticationOutcome = { readonly ok: true; readonly result: AuthenticateRequestResult } | { readonly ok: false; readonly refusal: Refusal };

/** Signing keys for tokens from some issuers (an {@link OpenIdKeys} in production). */
export interface IssuerKeys {
  readonly issuers: readonly string[];
  readonly keys: { getKey(kid: string | undefined): Promise<SigningKey | null> };
}

export interface RequestAuthenticatorOptions {
  /** botbuilder's authentication: the authority on every token it is given. */
  readonly auth: BotFrameworkAuthentication;
  /** True without a bot identity (local runs): every request is accepted, as botbuilder does. */
  readonly isAuthenticationDisabled: () => Promise<boolean>;
  /** The same issuers and key sources botbuilder uses (channel; emulator and skills). */
  readonly issuerKeys: readonly IssuerKeys[];
  /** Entra ID tenants whose activities are served (lower-case GUIDs); empty serves every tenant. */
  readonly allowedTenantIds: readonly string[];
}

/** botbuilder's own token validation parameters (channel and emulator alike). */
const ALGORITHMS = AuthenticationConstants.AllowedSigningAlgorithms as ('RS256' | 'RS384' | 'RS512')[];
const CLOCK_TOLERANCE_SECONDS = 5 * 60;

const refuse = (status: Refusal['status'], code: RefusalCode, reason: string, cause?: unknown): AuthenticationOutcome => ({
  ok: false,
  refusal: { status, code, reason, ...(cause === undefined ? {} : { cause }) },
});
const invalid = (reason: string, cause?: unknown) => refuse(401, 'AUTH_TOKEN_INVALID', reason, cause);

/**
 * Decides whether an activity posted to /api/messages may be processed: a valid Bot Framework token
 * (botbuilder's `BotFrameworkAuthentication.authenticateRequest`) and an allowed tenant.
 * Every failure is an outcome (401, 403 or 503), never an exception.
 * @remarks Before handing a token to botbuilder, its signature, algorithm, issuer and lifetime are
 * checked here with the same library (jsonwebtoken), keys and parameters botbuilder uses. botbuilder
 * would find the same faults, but it writes each one to `console.error` (stack trace and key
 * included) and reports it as a plain Error that CloudAdapter turns into a 500 with the message as
 * the body. Audience, serviceUrl, endorsements, emulator and skill rules stay botbuilder's alone.
 */
export class RequestAuthenticator {
  private readonly allowedTenants: ReadonlySet<string>;

  constructor(private readonly options: RequestAuthenticatorOptions) {
    this.allowedTenants = new Set(options.allowedTenantIds.map((id) => id.toLowerCase()));
  }

  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticationOutcome> {
    if (!(await this.options.isAuthenticationDisabled())) {
      const refused = await this.checkToken(authHeader);
      if (refused) return refused;
    }
    let result: AuthenticateRequestResult;
    try {
      result = await this.options.auth.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof OpenIdKeysUnavailableError) return refuse(503, 'AUTH_KEYS_UNAVAILABLE', 'keys_unavailable');
      const known = libraryReason(err);
      return known ? invalid(known) : invalid('rejected', err);
    }
    return this.checkTenant(activity) ?? { ok: true, result };
  }

  /** The token checks botbuilder would report as a 500 (see the class remarks); undefined when they pass. */
  private async checkToken(authHeader: string): Promise<AuthenticationOutcome | undefined> {
    if (authHeader.trim() === '') return refuse(401, 'AUTH_TOKEN_MISSING', 'no_token');
    const parts = authHeader.split(' ');
    if (parts.length !== 2 || parts[0] !== 'Bearer' || !parts[1]) return invalid('not_bearer');
    const token = parts[1];
    const decoded = decodeToken(token);
    if (!decoded) return invalid('malformed');
    if (!(ALGORITHMS as string[]).includes(decoded.alg)) return invalid('algorithm');
    const source = this.options.issuerKeys.find((s) => s.issuers.includes(decoded.iss ?? ''));
    if (!source) return invalid('issuer');
    let key: SigningKey | null;
    try {
      key = await source.keys.getKey(decoded.kid);
    } catch (err) {
      if (err instanceof OpenIdKeysUnavailableError) return refuse(503, 'AUTH_KEYS_UNAVAILABLE', 'keys_unavailable');
      throw err;
    }
    if (!key) return invalid('unknown_key');
    try {
      verify(token, key.key, { algorithms: ALGORITHMS, issuer: [...source.issuers] as [string, ...string[]], clockTolerance: CLOCK_TOLERANCE_SECONDS });
    } catch (err) {
      if (err instanceof TokenExpiredError) return invalid('expired');
      if (err instanceof NotBeforeError) return invalid('not_yet_valid');
      return invalid((err as Error).message === 'invalid signature' ? 'bad_signature' : 'invalid');
    }
    return undefined;
  }

  /** Teams puts the tenant in channelData.tenant.id and conversation.tenantId; every one given must be allowed. */
  private checkTenant(activity: Activity): AuthenticationOutcome | undefined {
    if (this.allowedTenants.size === 0) return undefined;
    const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
    const ids = [channelData?.tenant?.id, activity.conversation?.tenantId].filter((v): v is string => typeof v === 'string' && v !== '');
    if (ids.length === 0) return refuse(403, 'AUTH_TENANT_NOT_ALLOWED', 'no_tenant');
    if (ids.some((id) => !this.allowedTenants.has(id.toLowerCase()))) return refuse(403, 'AUTH_TENANT_NOT_ALLOWED', 'tenant_not_allowed');
    return undefined;
  }
}

function decodeToken(token: string): { alg: string; kid?: string; iss?: string } | undefined {
  try {
    const jwt = decode(token, { complete: true });
    if (!jwt || typeof jwt.payload !== 'object') return undefined;
    return { alg: jwt.header.alg, kid: jwt.header.kid, iss: typeof jwt.payload.iss === 'string' ? jwt.payload.iss : undefined };
  } catch {
    // jsonwebtoken throws on some malformed input instead of returning null: malformed either way.
    return undefined;
  }
}

/** botbuilder's AuthenticationError messages, as fixed words for the log (its text never leaves this file). */
function libraryReason(err: unknown): string | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (status !== 401) return undefined;
  const message = err instanceof Error ? err.message : '';
  const reasons: [RegExp, string][] = [
    [/Invalid AppId/i, 'audience'],
    [/ServiceUrl/i, 'service_url'],
    [/endorsement/i, 'endorsement'],
    [/Issuer/i, 'issuer'],
    [/expired/i, 'expired'],
    [/Signing Key/i, 'unknown_key'],
    [/not authorized/i, 'no_token'],
  ];
  return reasons.find(([re]) => re.test(message))?.[1] ?? 'refused';
}
