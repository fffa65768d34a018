import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { AppError } from '../errors';
import type { Logger } from '../log';

/** Azurite's published development account (not a secret: it is the same on every machine). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The three services' ports (blob for documents, queue for the outbox, table for the case index). */
export interface AzuritePorts {
  readonly blob: number;
  readonly queue: number;
  readonly table: number;
}

export function azuriteConnectionString(ports: AzuritePorts, host = '127.0.0.1'): string {
  const at = (port: number) => `http://${host}:${port}/${DEV_ACCOUNT}`;
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${at(ports.blob)};QueueEndpoint=${at(ports.queue)};TableEndpoint=${at(ports.table)};`;
}

export interface EmbeddedAzuriteOptions {
  /** Folder for the data; omit for in-memory (tests). */
  readonly dir?: string;
  /** The blob port; 0 picks free ports for all three services. The chosen ports are kept across restarts. */
  readonly port: number;
  readonly logger: Logger;
  /** Restart Azurite if it dies unexpectedly (the bot's embedded default does; tests that stop it on purpose do not). */
  readonly restartOnExit?: boolean;
}

export interface EmbeddedAzurite {
  /** The blob service's port. */
  readonly port: number;
  readonly ports: AzuritePorts;
  /** The current child's process id (changes when it is restarted). */
  readonly pid: number | undefined;
  readonly connectionString: string;
  /** Stop the child (no restart). */
  stop(): Promise<void>;
  /** Start it again on the same port (after `stop`). */
  start(): Promise<void>;
}

const LISTENING = (service: string) => new RegExp(`Azurite ${service} service is successfully listening at http://[^:]+:(\\d+)`);

function launch(opts: EmbeddedAzuriteOptions, ports: AzuritePorts): Promise<{ child: ChildProcess; ports: AzuritePorts }> {
  const main = require.resolve('azurite/dist/src/azurite.js');
  const storageArgs = opts.dir ? ['--location', opts.dir] : ['--inMemoryPersistence'];
  if (opts.dir) mkdirSync(opts.dir, { recursive: true });
  const host = '127.0.0.1';
  const args = [
    main, ...storageArgs,
    '--blobHost', host, '--blobPort', String(ports.blob),
    '--queueHost', host, '--queuePort', String(ports.queue),
    '--tableHost', host, '--tablePort', String(ports.table),
    '--skipApiVersionCheck', '--loose', '--disableTelemetry',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AppError('EMBEDDED_STORAGE_FAILED', `Azurite did not start within 20 s: ${output.slice(-300)}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
      const [blob, queue, table] = ['Blob', 'Queue', 'Table'].map((s) => LISTENING(s).exec(output)?.[1]);
      if (blob && queue && table) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ child, ports: { blob: Number(blob), queue: Number(queue), table: Number(table) } });
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
 * Start Azurite (blob, queue and table services) as a child process.
 * @remarks A child, not in-process: restify patches `http.IncomingMessage` globally and Azurite's
 * Express server then answers 400 to everything (tech-notes).
 */
export async function startEmbeddedAzurite(opts: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
  let current = await launch(opts, { blob: opts.port, queue: 0, table: 0 });
  const ports = current.ports;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const watch = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (stopping || !opts.restartOnExit) return;
      opts.logger.warn('embedded storage exited; restarting', { code: code ?? undefined, signal: signal ?? undefined });
      restartTimer = setTimeout(() => {
        launch(opts, ports)
          .then((next) => {
            // stop() was called while this restart was starting: the new child must not live on.
            if (stopping) {
              next.child.kill('SIGTERM');
              return;
            }
            current = next;
            watch(next.child);
            opts.logger.info('embedded storage restarted', { port: ports.blob });
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
    port: ports.blob,
    ports,
    get pid() {
      return current.child.pid;
    },
    connectionString: azuriteConnectionString(ports),
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
      current = await launch(opts, ports);
      stopping = false;
      watch(current.child);
      process.once('exit', killOnExit);
    },
  };
  return handle;
}
