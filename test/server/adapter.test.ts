import { TeamsAdapter } from '@microsoft/teams-ai';
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createI18n } from '../../src/i18n/create-i18n';
import type { Logger } from '../../src/log';
import { LOCALES_DIR } from '../../src/paths';
import { createAdapter, SamverkaAdapter, type AdapterAuthConfig } from '../../src/server/adapter';
import { messageActivity } from '../support/activities';
import { CHANNEL_ISSUER, startTestIssuer, type TestIssuer } from '../support/openid-issuer';

const APP_ID = '5b0b3a8e-1d3c-4c6f-9a51-6f1e2d3c4b5a';
const TENANT = '0d7c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const SERVICE_URL = 'http://127.0.0.1:9/unused/';
/** An emulator token issuer (botbuilder's ToBotFromBotOrEmulatorTokenValidationParameters). */
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const now = () => Math.floor(Date.now() / 1000);

const identity = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT };
const configWith = (env: Record<string, string>) =>
  loadConfig({ APP_ENV: 'local', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TENANT_ID: TENANT, ...env });

/** botbuilder's parameterized authentication behind an adapter (ConfigurationBotFrameworkAuthentication.inner). */
function authOf(adapter: TeamsAdapter): Record<string, unknown> {
  return (adapter as any).botFrameworkAuthentication.inner;
}

const PUBLIC_CLOUD_FIELDS = ['validateAuthority', 'toChannelFromBotLoginUrl', 'toChannelFromBotOAuthScope', 'toBotFromChannelTokenIssuer', 'oAuthUrl', 'toBotFromEmulatorOpenIdMetadataUrl', 'callerId'];

function recordingLogger(lines: Record<string, unknown>[]): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

/** Drive the adapter's HTTP entry as restify would, recording the answer and the turn (if any). */
async function processRequest(adapter: TeamsAdapter, activity: Record<string, unknown>, token: string) {
  const answer: { status?: number; body?: unknown; turn?: { callerId?: string; oAuthScope: unknown } } = {};
  const res = {
    socket: null,
    status: (code: number) => void (answer.status = code),
    header: () => undefined,
    send: (body: unknown) => void (answer.body = body),
    end: () => undefined,
  };
  await adapter.process({ method: 'POST', headers: { authorization: `Bearer ${token}` }, body: activity }, res, async (context: TurnContext) => {
    answer.turn = { callerId: context.activity.callerId, oAuthScope: context.turnState.get(adapter.OAuthScopeKey) };
  });
  return answer;
}

const teamsMessage = () => ({ ...messageActivity('hej'), serviceUrl: SERVICE_URL });

describe('createAdapter', () => {
  const i18n = createI18n(LOCALES_DIR, 'sv');
  let issuer: TestIssuer;
  let emulatorIssuer: TestIssuer;

  beforeAll(async () => {
    [issuer, emulatorIssuer] = await Promise.all([startTestIssuer(), startTestIssuer()]);
  });
  afterAll(async () => {
    await Promise.all([issuer.close(), emulatorIssuer.close()]);
  });

  it("keeps botbuilder's public-cloud settings when the metadata URL is overridden, and only that URL differs", () => {
    const defaults = authOf(new TeamsAdapter(identity, new ConfigurationServiceClientCredentialFactory(identity)));
    expect(defaults.toBotFromChannelTokenIssuer).toBe(AuthenticationConstants.ToBotFromChannelTokenIssuer);
    const overridden = authOf(createAdapter(configWith({ BOT_OPENID_METADATA_URL: issuer.metadataUrl }), i18n, recordingLogger([])));
    for (const field of PUBLIC_CLOUD_FIELDS) {
      expect(defaults[field], field).toBeDefined();
      expect(overridden[field], field).toEqual(defaults[field]);
    }
    expect(overridden.toBotFromChannelOpenIdMetadataUrl).toBe(issuer.metadataUrl);
    const plain = authOf(createAdapter(configWith({}), i18n, recordingLogger([])));
    for (const field of [...PUBLIC_CLOUD_FIELDS, 'toBotFromChannelOpenIdMetadataUrl']) expect(plain[field], field).toEqual(defaults[field]);
  });

  it('runs a turn for a valid channel token with the public-cloud caller id and OAuth scope', async () => {
    const adapter = createAdapter(configWith({ BOT_OPENID_METADATA_URL: issuer.metadataUrl }), i18n, recordingLogger([]));
    const token = issuer.sign({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 600 });
    const answer = await processRequest(adapter, teamsMessage(), token);
    expect(answer.status).toBe(200);
    expect(answer.turn).toEqual({ callerId: CallerIdConstants.PublicAzureChannel, oAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope });
  });

  it('checks emulator tokens against the emulator keys, not the channel keys', async () => {
    const config: AdapterAuthConfig = {
      ...identity,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: emulatorIssuer.metadataUrl,
    };
    const lines: Record<string, unknown>[] = [];
    const adapter = new SamverkaAdapter(config, new ConfigurationServiceClientCredentialFactory(config), { allowedTenantIds: [], logger: recordingLogger(lines) });
    const claims = { iss: EMULATOR_ISSUER, appid: APP_ID, ver: '1.0', aud: APP_ID, nbf: now() - 60, exp: now() + 600 };
    const accepted = await processRequest(adapter, teamsMessage(), emulatorIssuer.sign(claims));
    expect(accepted.status).toBe(200);
    expect(accepted.turn).toBeDefined();
    // Same key id, the channel issuer's key: a forged signature for the emulator path.
    const refused = await processRequest(adapter, teamsMessage(), issuer.sign(claims));
    expect(refused).toEqual({ status: 401, body: { error: 'unauthorized' } });
    expect(lines.filter((l) => l.level !== 'debug')).toEqual([{ level: 'warn', msg: 'request refused', code: 'AUTH_TOKEN_INVALID', reason: 'bad_signature', status: 401 }]);
  });
});
