import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { AppError } from '../errors';
import type { Logger } from '../log';

/** Azurite's published development account (not a secret: it is the same on every machine). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`;
}

export interface EmbeddedAzuriteOptions {
  /** Folder for the blob data; omit for in-memory (tests). */
  readonly dir?: string;
  /** 0 picks a free port; the chosen port is kept across restarts. */
  readonly port: number;
  readonly logger: Logger;
  /** Restart Azurite if it dies unexpectedly (the bot's embedded default does; tests that stop it on purpose do not). */
  readonly restartOnExit?: boolean;
}

export interface EmbeddedAzurite {
  readonly port: number;
  /** The current child's process id (changes when it is restarted). */
  readonly pid: number | undefined;
  readonly connectionString: string;
  /** Stop the child (no restart). */
  stop(): Promise<void>;
  /** Start it again on the same port (after `stop`). */
  start(): Promise<void>;
}

const LISTENING = /Azurite Blob service successfully listens on http:\/\/[^:]+:(\d+)/;

function launch(opts: EmbeddedAzuriteOptions, port: number): Promise<{ child: ChildProcess; port: number }> {
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const storageArgs = opts.dir ? ['--location', opts.dir] : ['--inMemoryPersistence'];
  if (opts.dir) mkdirSync(opts.dir, { recursive: true });
  const args = [main, ...storageArgs, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--skipApiVersionCheck', '--loose', '--disableTelemetry'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AppError('EMBEDDED_STORAGE_FAILED', `Azurite did not start within 20 s: ${output.slice(-300)}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = LISTENING.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      // Keep only the tail for the error message; a chatty child must not grow memory.
      output = (output + chunk.toString()).slice(-4_000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new AppError('EMBEDDED_STORAGE_FAILED', `Azurite exited with code ${code}: ${output.slice(-300)}`));
    });
  });
}

/**
 * Start Azurite (blob service only) as a child process.
 * @remarks A child, not in-process: restify patches `http.IncomingMessage` globally and Azurite's
 * Express server then answers 400 to everything (tech-notes).
 */
export async function startEmbeddedAzurite(opts: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
  let current = await launch(opts, opts.port);
  const port = current.port;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const watch = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (stopping || !opts.restartOnExit) return;
      opts.logger.warn('embedded storage exited; restarting', { code: code ?? undefined, signal: signal ?? undefined });
      restartTimer = setTimeout(() => {
        launch(opts, port)
          .then((next) => {
            // stop() was called while this restart was starting: the new child must not live on.
            if (stopping) {
              next.child.kill('SIGTERM');
              return;
            }
            current = next;
            watch(next.child);
            opts.logger.info('embedded storage restarted', { port });
          })
          .catch((err: unknown) => opts.logger.error('embedded storage restart failed', { errCode: (err as AppError).code }));
      }, 1_000);
    });
  };
  watch(current.child);
  // Whatever ends the bot (a crash, process.exit), its storage child must not outlive it.
  const killOnExit = () => current.child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const handle: EmbeddedAzurite = {
    port,
    get pid() {
      return current.child.pid;
    },
    connectionString: azuriteConnectionString(port),
    async stop() {
      stopping = true;
      process.off('exit', killOnExit);
      if (restartTimer) clearTimeout(restartTimer);
      const child = current.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      });
    },
    async start() {
      current = await launch(opts, port);
      stopping = false;
      watch(current.child);
      process.once('exit', killOnExit);
    },
  };
  return handle;
}
