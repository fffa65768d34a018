/**
 * The load benchmark's baseline: an echo bot on the same stack and storage as Samverka (restify
 * edge with its turn queue, the Teams adapter, a teams-ai Application, sealed bot state in blob
 * storage), which answers every message with its own text and every card action with "ok".
 * Run as its own process: `node --import tsx bench/echo-bot.ts` with the bot's environment.
 */
import { Application } from '@microsoft/teams-ai';
import type { TurnState } from '@microsoft/teams-ai';
import { loadConfig } from '../src/config';
import { createI18n } from '../src/i18n/create-i18n';
import { createLogger } from '../src/log';
import { LOCALES_DIR } from '../src/paths';
import { createAdapter } from '../src/server/adapter';
import { createServer } from '../src/server/create-server';
import { BlobBotStorage } from '../src/storage/blob-bot-storage';
import { createBlobContainers } from '../src/storage/blob-container';
import { JsonBlobStore } from '../src/storage/json-blob-store';
import { NoteCipher } from '../src/storage/note-cipher';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.storage.kind !== 'connectionString' || !config.noteKeys) throw new Error('echo bot: STORAGE_CONNECTION_STRING and NOTE_ENCRYPTION_KEY(S) are required');
  const logger = createLogger(config.logLevel);
  const i18n = createI18n(LOCALES_DIR, config.defaultLocale);
  const containers = createBlobContainers(config.storage.connectionString, config.storage.container);
  await containers.data.createIfNotExists();
  const adapter = createAdapter(config, i18n, logger);
  const app = new Application<TurnState>({ adapter, botAppId: '', storage: new BlobBotStorage(new JsonBlobStore(containers.data), new NoteCipher(config.noteKeys)), startTypingTimer: false });
  app.activity('message', async (context, state) => {
    // Touch conversation state as Samverka's turns do, so both write bot state every turn.
    const conversation = state.conversation as { turns?: number };
    conversation.turns = (conversation.turns ?? 0) + 1;
    await context.sendActivity(context.activity.text ? `echo: ${context.activity.text}` : 'ok');
  });
  app.adaptiveCards.actionExecute(/.*/, async () => 'ok');
  const http = createServer({ logger, maxRequestBytes: config.server.maxRequestBytes, processActivity: (req, res, logic) => adapter.process(req, res, logic), runTurn: (c: Parameters<typeof app.run>[0]) => app.run(c), isReady: async () => true });
  http.server.listen(config.server.port, config.server.host, () => {
    logger.info('listening', { port: (http.server.address() as { port: number }).port, host: config.server.host, env: config.env });
  });
  process.on('SIGTERM', () => void http.close(5_000).then(() => process.exit(0)));
}

void main();
