import { readFileSync } from 'node:fs';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, type Activity, type Request, type Response, type TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import {
  AuthenticationConstants,
  BetweenBotAndAseChannelTokenValidationParameters,
  ToBotFromBotOrEmulatorTokenValidationParameters,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { AppConfig } from '../config';
import { errorCodeOf, type ErrorCode } from '../errors';
import type { I18n } from '../i18n/create-i18n';
import { errorFields, type Logger } from '../log';
import { contextLocale, turnLogger } from '../teams/teams-turn';
import { DEFAULT_OPENID_KEYS_OPTIONS, installOpenIdKeys, type OpenIdKeysOptions } from './openid-keys';
import { RequestAuthenticator, type Refusal } from './request-authenticator';

type Logic = (context: TurnContext) => Promise<void>;

/** TeamsAdapter's configuration with the token issuer and both metadata URLs spelt out (see {@link createAdapter}). */
export type AdapterAuthConfig = NonNullable<ConstructorParameters<typeof TeamsAdapter>[0]> & {
  readonly ToBotFromChannelTokenIssuer: string;
  readonly ToBotFromChannelOpenIdMetadataUrl: string;
  readonly ToBotFromEmulatorOpenIdMetadataUrl: string;
};

/** What a refused request gets back: the status and one fixed word, nothing from the token or the library. */
const REFUSAL_BODY: Record<Refusal['status'], { error: string }> = {
  401: { error: 'unauthorized' },
  403: { error: 'forbidden' },
  503: { error: 'unavailable' },
};

/** Faults whose apology tells the user that the administrators have been alerted (`common:error.<code>`). */
export const ALERTED_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['STORAGE_CORRUPT']);

export interface TurnErrorOptions {
  /**
   * Alert the administrators of a fault in `ALERTED_CODES` (after the user has the apology);
   * `reason` is our own error message (codes, key ids, blob kinds: never user text).
   */
  readonly alertAdmins?: (code: ErrorCode, reason: string) => Promise<void>;
}

/**
 * TeamsAdapter (CloudAdapter) whose HTTP entry point authenticates with {@link RequestAuthenticator}:
 * a refused request gets 401/403/503 and one log line; only an accepted one reaches the bot.
 * @remarks CloudAdapter.process would answer a failed validation with 500 and the library's message
 * as the body, print the error with `console.error`, and has no tenant check. Everything after
 * authentication (the turn, replies, invoke responses) is botbuilder's own `processActivity`.
 */
export class SamverkaAdapter extends TeamsAdapter {
  private readonly authenticator: RequestAuthenticator;
  private readonly log: Logger;

  constructor(
    authConfig: AdapterAuthConfig,
    credentialsFactory: ServiceClientCredentialsFactory,
    options: { allowedTenantIds: readonly string[]; logger: Logger; openIdKeys?: OpenIdKeysOptions },
  ) {
    super(authConfig, credentialsFactory);
    this.log = options.logger.child({ component: 'auth' });
    const keysOptions = options.openIdKeys ?? DEFAULT_OPENID_KEYS_OPTIONS;
    const keysOf = (url: string) => installOpenIdKeys(url, keysOptions, this.log);
    this.authenticator = new RequestAuthenticator({
      auth: this.botFrameworkAuthentication,
      isAuthenticationDisabled: () => credentialsFactory.isAuthenticationDisabled(),
      issuerKeys: [
        { issuers: [authConfig.ToBotFromChannelTokenIssuer], keys: keysOf(authConfig.ToBotFromChannelOpenIdMetadataUrl) },
        {
          // Emulator and skill tokens, and those of the App Service extension channel: botbuilder checks
          // all of them against the emulator metadata.
          issuers: [ToBotFromBotOrEmulatorTokenValidationParameters.issuer, BetweenBotAndAseChannelTokenValidationParameters.issuer].flat().filter((i) => i !== undefined),
          keys: keysOf(authConfig.ToBotFromEmulatorOpenIdMetadataUrl),
        },
      ],
      allowedTenantIds: options.allowedTenantIds,
    });
  }

  /**
   * Handle one HTTP request (restify's req/res) of the Bot Framework protocol.
   * @remarks Web socket streaming (the four-argument form) is not used by this bot and is refused.
   */
  override async process(req: Request, resOrSocket: unknown, logicOrHead: unknown, maybeLogic?: unknown): Promise<void> {
    if (maybeLogic !== undefined || typeof logicOrHead !== 'function') throw new Error('Bot Framework streaming is not supported');
    const res = resOrSocket as Response;
    const logic = logicOrHead as Logic;
    const activity = validateAndFixActivity(req.body as unknown as Activity);
    const header = req.headers.authorization ?? req.headers.Authorization;
    const outcome = await this.authenticator.authenticate(activity, typeof header === 'string' ? header : '');
    if (!outcome.ok) {
      const { status, code, reason, cause } = outcome.refusal;
      this.log.warn('request refused', { code, reason, status, ...(cause === undefined ? {} : { errName: errorFields(cause).errName }) });
      res.status(status);
      if (status === 401) res.header('WWW-Authenticate', 'Bearer');
      if (status === 503) res.header('Retry-After', '5');
      res.send(REFUSAL_BODY[status]);
      return;
    }
    const invokeResponse = await this.processActivity(outcome.result, activity, logic);
    res.status(invokeResponse?.status ?? 200);
    if (invokeResponse?.body !== undefined) res.send(invokeResponse.body);
    res.end();
  }
}

/**
 * The Bot Framework adapter with our identity, authentication and turn error handler.
 * @remarks An empty app id means "no authentication" (emulator mode); config only allows that when APP_ENV=local.
 */
export function createAdapter(config: AppConfig, i18n: I18n, logger: Logger, options: TurnErrorOptions = {}): SamverkaAdapter {
  const b = config.bot;
  const auth: AdapterAuthConfig = {
    MicrosoftAppId: b.appId,
    MicrosoftAppPassword: b.appPassword,
    // Without an app id there is no identity to be single-tenant with: botbuilder's anonymous mode is MultiTenant.
    MicrosoftAppType: b.appId ? b.appType : 'MultiTenant',
    MicrosoftAppTenantId: b.tenantId,
    CertificateThumbprint: b.certificateThumbprint || undefined,
    CertificatePrivateKey: b.certificateKeyFile ? readFileSync(b.certificateKeyFile, 'utf8') : undefined,
    // As soon as any of these is set, botbuilder takes all of them from this object and nothing from
    // its public-cloud defaults (BotFrameworkAuthenticationFactory.create): an override of the
    // metadata URL alone would leave the issuer, login URL, scope and caller id undefined and refuse
    // every token. So all are given: the public-cloud values, with only the metadata URL replaced.
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: b.openIdMetadataUrl || AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
  // The connector client retries a failed call itself a few times (about 5 s, honouring Retry-After);
  // the durable outbox retries deliveries beyond that.
  const adapter = new SamverkaAdapter(auth, new ConfigurationServiceClientCredentialFactory(auth), { allowedTenantIds: b.allowedTenantIds, logger });
  adapter.onTurnError = (context, err) => onTurnError(context, err, config, i18n, logger, options);
  return adapter;
}

/**
 * Log the fault by code and tell the user in their language; never a stack trace or internal detail.
 * A fault whose apology says so alerts the administrators (how often is the alert's own business).
 */
async function onTurnError(context: TurnContext, err: unknown, config: AppConfig, i18n: I18n, logger: Logger, options: TurnErrorOptions): Promise<void> {
  const code = errorCodeOf(err);
  const log = turnLogger(logger, context);
  log.error('turn failed', { code, ...errorFields(err) });
  try {
    const t = i18n.t(contextLocale(context, config.defaultLocale, i18n.commandWords));
    await context.sendActivity(t(`common:error.${code}`));
  } catch (sendErr) {
    // The channel itself may be what failed (e.g. 429/5xx from the connector); nothing more to tell the user.
    log.warn('could not send the error message', errorFields(sendErr));
  }
  if (options.alertAdmins && ALERTED_CODES.has(code)) {
    try {
      await options.alertAdmins(code, err instanceof Error ? err.message : code);
    } catch (alertErr) {
      // The user has their answer and the fault is logged above; a failed alert is logged, not retried in this turn.
      log.warn('administrators could not be alerted', { code, ...errorFields(alertErr) });
    }
  }
}
