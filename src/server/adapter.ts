import { readFileSync } from 'node:fs';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config';
import { errorCodeOf, type ErrorCode } from '../errors';
import type { I18n } from '../i18n/create-i18n';
import { errorFields, type Logger } from '../log';
import { turnLogger } from '../teams/turn-context';
import { turnLocale } from '../teams/turn-locale';

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
 * The Bot Framework adapter (CloudAdapter underneath) with our identity and turn error handler.
 * @remarks An empty app id means "no authentication" (emulator mode); config only allows that when APP_ENV=local.
 */
export function createAdapter(config: AppConfig, i18n: I18n, logger: Logger, options: TurnErrorOptions = {}): TeamsAdapter {
  const b = config.bot;
  const auth = {
    MicrosoftAppId: b.appId,
    MicrosoftAppPassword: b.appPassword,
    // Without an app id there is no identity to be single-tenant with: botbuilder's anonymous mode is MultiTenant.
    MicrosoftAppType: b.appId ? b.appType : 'MultiTenant',
    MicrosoftAppTenantId: b.tenantId,
    CertificateThumbprint: b.certificateThumbprint || undefined,
    CertificatePrivateKey: b.certificateKeyFile ? readFileSync(b.certificateKeyFile, 'utf8') : undefined,
    BotOpenIdMetadata: b.openIdMetadataUrl || undefined,
  };
  // The connector client retries a failed call itself a few times (about 5 s, honouring Retry-After);
  // the durable outbox retries deliveries beyond that.
  const adapter = new TeamsAdapter(auth, new ConfigurationServiceClientCredentialFactory(auth));
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
    const t = i18n.t(turnLocale(context, config.defaultLocale));
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
