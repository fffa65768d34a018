import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { PROJECT_ROOT } from '../../src/paths';
import { TEST_NOTE_KEY } from './keys';

export interface StartedProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves to the exit code when the process has exited, however it ended. */
  readonly exited: Promise<number | null>;
  /** SIGTERM and wait for exit; resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function track(child: ChildProcess): StartedProcess {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

async function waitForOutput(p: StartedProcess, re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const m = re.exec(p.output());
    if (m) return m;
    if (p.child.exitCode !== null) throw new Error(`process exited (${p.child.exitCode}): ${p.output().slice(-800)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${re}: ${p.output().slice(-800)}`);
}

/** Run the bot as `npm start` would (through tsx), with the given environment. */
export function spawnBot(env: Record<string, string>): StartedProcess {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(PROJECT_ROOT, 'src/index.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child);
}

/** Run a script of `scripts/` through tsx (as its npm command does), with only the given environment. */
export function spawnScript(script: string, args: readonly string[], env: Record<string, string>): StartedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', script), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child);
}

/** Start the bot and wait until it listens; returns its port. */
export async function startBotProcess(env: Record<string, string>): Promise<StartedProcess & { port: number }> {
  const p = spawnBot({ APP_ENV: 'local', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', NOTE_ENCRYPTION_KEY: TEST_NOTE_KEY.toString('base64'), ...env });
  // A bot that never says it listens must not live on after the test that started it.
  // Generous (under the 60 s hook timeout): tsx compiles the whole bot at start, which took over 30 s on two busy cores once.
  const m = await waitForOutput(p, /"port":(\d+),"host"[^\n]*"msg":"listening"/, 55_000).catch(async (err: unknown) => {
    await p.stop('SIGKILL');
    throw err;
  });
  return Object.assign(p, { port: Number(m[1]) });
}

export interface PlaygroundConfig {
  personalChat: { id: string };
  currentUser: { id: string };
  users: { id: string }[];
  teams: { id: string; channels: { id: string; name: string }[] }[];
}

/** One message the bot sent, as the Playground broadcasts it. */
export interface PlaygroundEvent {
  action: string;
  actionConversationId: string;
  message?: { messageId: string; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

export interface Playground extends StartedProcess {
  readonly baseUrl: string;
  readonly config: PlaygroundConfig;
  readonly events: PlaygroundEvent[];
  install(conversationId: string): Promise<void>;
  say(conversationId: string, text: string, fromId?: string): Promise<void>;
  /** Say something in a team channel, @mentioning the bot as Teams does. */
  sayInChannel(channelId: string, text: string, fromId: string): Promise<void>;
  /** Press an Action.Execute (Universal Action); resolves to the bot's invoke response. */
  execute(conversationId: string, replyToId: string, verb: string, data: Record<string, unknown>, fromId: string): Promise<{ status?: number; value?: unknown; type?: string }>;
  /** Press an Action.Submit on a card the bot sent (value = the action's data merged with inputs). */
  submit(conversationId: string, replyToId: string, value: Record<string, unknown>, fromId?: string): Promise<void>;
  /** Wait for a bot message in a conversation that satisfies `match`, after `since` events. */
  waitForMessage(conversationId: string, match: (e: PlaygroundEvent) => boolean, since?: number, timeoutMs?: number): Promise<PlaygroundEvent>;
}

/** Start the Microsoft 365 Agents Playground headless against a bot endpoint, and listen to its stream. */
export async function startPlayground(botEndpoint: string, configPath?: string): Promise<Playground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(process.execPath, [cli, '-e', botEndpoint, '-c', 'msteams', '--dt', '-p', '0'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(PROJECT_ROOT, '.data', 'playground-test.log'),
      ...(configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p = track(child);
  const m = await waitForOutput(p, /Listening on (\d+)/, 30_000);
  const baseUrl = `http://127.0.0.1:${m[1]}`;
  const config = ((await (await fetch(`${baseUrl}/_internal/v1/testConfig`)).json()) as { config: PlaygroundConfig }).config;
  const events: PlaygroundEvent[] = [];
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/_ws_conversation/v1/conversations/stream`);
  ws.on('message', (data: Buffer) => events.push(JSON.parse(data.toString('utf8')) as PlaygroundEvent));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  const postJson = async (url: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  };

  return {
    ...p,
    baseUrl,
    config,
    events,
    install: (conversationId) => postJson(`${baseUrl}/_debug/conversation/${conversationId}/installation`, {}),
    sayInChannel: (channelId, text, fromId) =>
      postJson(`${baseUrl}/_conversation/v1/conversations/${channelId}/messages`, {
        from: { id: fromId },
        text: `<at>Test Bot</at> ${text}`,
        textFormat: 'plain',
        mentions: [{ mentioned: { id: (config as unknown as { bot: { id: string } }).bot.id, name: 'Test Bot' }, text: '<at>Test Bot</at>' }],
      }),
    async execute(conversationId, replyToId, verb, data, fromId) {
      const res = await fetch(`${baseUrl}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          conversation: { id: conversationId },
          from: { id: fromId },
          replyToId,
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        }),
      });
      if (!res.ok) throw new Error(`invoke answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { status?: number; value?: unknown; type?: string };
    },
    submit: (conversationId, replyToId, value, fromId = config.currentUser.id) =>
      postJson(`${baseUrl}/_conversation/v1/submit`, { conversation: { id: conversationId }, from: { id: fromId }, replyToId, value }),
    say: (conversationId, text, fromId = config.currentUser.id) =>
      postJson(`${baseUrl}/_conversation/v1/conversations/${conversationId}/messages`, { from: { id: fromId }, text, textFormat: 'plain' }),
    async waitForMessage(conversationId, match, since = 0, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const found = events.slice(since).find((e) => e.action === 'createMessage' && e.actionConversationId === conversationId && match(e));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no matching bot message in ${timeoutMs} ms; saw: ${JSON.stringify(events.slice(since)).slice(0, 1500)}`);
    },
    async stop(signal) {
      ws.close();
      return p.stop(signal);
    },
  };
}

export { playgroundConfigAs } from '../../scripts/lib/playground-config';
