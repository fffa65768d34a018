/**
 * `npm run dev`: the whole local setup in one command, no Azure account or Teams tenant needed.
 * Starts the bot (which starts its embedded Azurite, data in .data/azurite) and the Microsoft 365
 * Agents Playground, then prints where to open the chat. Ctrl+C stops everything.
 * Reads `.env` if present (APP_ENV defaults to local here). PORT (3978) and PLAYGROUND_PORT (56150)
 * choose the ports; `npm run dev -- --as coordinator` also opens a Playground signed in as a coordinator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { playgroundConfigAs } from './lib/playground-config';

const root = path.resolve(__dirname, '..');
const envFile = path.join(root, '.env');
const botPort = process.env.PORT ?? '3978';
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const children: ChildProcess[] = [];

function stopAll(code: number): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

/** Wait for a line; `echo` prints the output until then (afterwards the caller decides, so no line prints twice). */
function waitForLine(child: ChildProcess, re: RegExp, echo: boolean): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      if (echo) process.stdout.write(chunk);
      buffer += chunk.toString();
      const m = re.exec(buffer);
      if (m) {
        child.stdout?.off('data', onData);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => process.stderr.write(c));
    child.once('exit', (code) => reject(new Error(`exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  const botArgs = ['--expose-gc', '--import', 'tsx', ...(existsSync(envFile) ? [`--env-file=${envFile}`] : []), path.join(root, 'src/index.ts')];
  const bot = spawn(process.execPath, botArgs, {
    cwd: root,
    env: { ...process.env, APP_ENV: process.env.APP_ENV ?? 'local', HOST: process.env.HOST ?? '127.0.0.1', PORT: botPort },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(bot);
  const listening = await waitForLine(bot, /"port":(\d+),"host"[^\n]*"msg":"listening"/, true);
  const endpoint = `http://127.0.0.1:${listening[1]}/api/messages`;

  const startPlayground = async (port: string, configPath?: string) => {
    const playground = spawn(process.execPath, [require.resolve('@microsoft/m365agentsplayground/cli.js'), '-e', endpoint, '-c', 'msteams', '--dt', '-p', port], {
      cwd: root,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(root, '.data', `playground-${port}.log`),
        ...(configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(playground);
    return (await waitForLine(playground, /Listening on (\d+)/, false))[1];
  };
  const pg = await startPlayground(playgroundPort);
  // `--as coordinator`: a second Playground signed in as Megan Bowen, a coordinator in the example directory.
  const asCoordinator = process.argv.includes('--as') && process.argv[process.argv.indexOf('--as') + 1] === 'coordinator';
  const coordinatorPg = asCoordinator ? await startPlayground(String(Number(playgroundPort) + 1), playgroundConfigAs('user-id-1')) : undefined;
  process.stdout.write(
    [
      '',
      '  Samverka is running.',
      `  Chat with it:  http://localhost:${pg}   (Microsoft 365 Agents Playground, signed in as Alex Wilber, administrator)`,
      ...(coordinatorPg ? [`  Coordinator:   http://localhost:${coordinatorPg}   (signed in as Megan Bowen, coordinator for Demokommun)`] : []),
      `  Bot endpoint:  ${endpoint}`,
      '  Press Ctrl+C to stop.',
      '',
      '',
    ].join('\n'),
  );
  bot.stdout?.on('data', (c: Buffer) => process.stdout.write(c));
  for (const c of children) c.once('exit', () => stopAll(1));
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
main().catch((err: unknown) => {
  process.stderr.write(`dev: ${err instanceof Error ? err.message : String(err)}\n`);
  stopAll(1);
});
