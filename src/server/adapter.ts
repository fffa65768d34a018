import { readFileSync } from 'node:fs';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config';
import { errorCodeOf } from '../errors';
import type { I18n } from '../i18n/create-i18n';
import { errorFields, type Logger } from '../log';
import { turnLogger } from '../teams/turn-context';
import { turnLocale } from '../teams/turn-locale';

/**
 * The Bot Framework adapter (CloudAdapter underneath) with our identity and turn error handler.
 * @remarks An empty app id means "no authentication" (emulator mode); config only allows that when APP_ENV=local.
 */
export function createAdapter(config: AppConfig, i18n: I18n, logger: Logger): TeamsAdapter {
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
  adapter.onTurnError = (context, err) => onTurnError(context, err, config, i18n, logger);
  return adapter;
}

/** Log the fault by code and tell the user in their language; never a stack trace or internal detail. */
async function onTurnError(context: TurnContext, err: unknown, config: AppConfig, i18n: I18n, logger: Logger): Promise<void> {
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
}
