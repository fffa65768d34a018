import { TableClient } from '@azure/data-tables';
import { BlobServiceClient, RestError, type ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { CaseIndexTables } from './table-case-index';

/**
 * Container clients for the app's one container.
 * @remarks Two pipelines: `data` retries a few times quickly (a turn must not hang for a minute
 * when storage blips); `probe` tries once with a short timeout, for /readyz.
 */
export interface BlobContainers {
  readonly data: ContainerClient;
  readonly probe: ContainerClient;
}

const DATA_OPTIONS: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2_000, tryTimeoutInMs: 15_000 },
  userAgentOptions: { userAgentPrefix: 'samverka' },
};
const PROBE_OPTIONS: StoragePipelineOptions = {
  retryOptions: { maxTries: 1, tryTimeoutInMs: 2_000 },
};

export function createBlobContainers(connectionString: string, containerName: string): BlobContainers {
  return {
    data: BlobServiceClient.fromConnectionString(connectionString, DATA_OPTIONS).getContainerClient(containerName),
    probe: BlobServiceClient.fromConnectionString(connectionString, PROBE_OPTIONS).getContainerClient(containerName),
  };
}

/**
 * Is the container reachable right now? Creates it when the service answers but the container is
 * missing (first start, or storage that came back empty). Never throws.
 */
export async function isContainerReachable(container: ContainerClient, timeoutMs = 2_000): Promise<boolean> {
  try {
    await container.getProperties({ abortSignal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch (err) {
    if (err instanceof RestError && err.statusCode === 404) {
      try {
        await container.createIfNotExists({ abortSignal: AbortSignal.timeout(timeoutMs) });
        return true;
      } catch {
        return false;
      }
    }
    // Refused, timed out or unauthorised all mean "not ready"; /readyz says so, the next real write logs why.
    return false;
  }
}

/** A readiness probe that asks storage at most once per `ttlMs`, so a busy prober cannot load it. */
export function cachedProbe(probe: () => Promise<boolean>, ttlMs = 1_000): () => Promise<boolean> {
  let last: { at: number; value: Promise<boolean> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= ttlMs) last = { at: now, value: probe() };
    return last.value;
  };
}

/** The queue service of the same account (the outbox), with the same quick retries as `data`. */
export function createQueueService(connectionString: string): QueueServiceClient {
  return QueueServiceClient.fromConnectionString(connectionString, { retryOptions: DATA_OPTIONS.retryOptions, userAgentOptions: { userAgentPrefix: 'samverka' } });
}

/** A table of the same account (the case index); plain http is allowed only for a local Azurite. */
export function createTableClient(connectionString: string, tableName: string): TableClient {
  const local = /UseDevelopmentStorage=true|DefaultEndpointsProtocol=http;|TableEndpoint=http:\/\//.test(connectionString);
  return TableClient.fromConnectionString(connectionString, tableName, {
    allowInsecureConnection: local,
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 },
    userAgentOptions: { userAgentPrefix: 'samverka' },
  });
}

/** The case index's table name for a container (table names: letters and digits only, up to 63). */
function caseIndexTableName(container: string): string {
  return `cases${container.replace(/[^a-z0-9]/g, '')}`.slice(0, 63);
}

/** The case index's two tables for a container: open cases, and the archive of closed ones. */
export function caseIndexTables(connectionString: string, container: string): CaseIndexTables {
  const open = caseIndexTableName(container);
  return { open: createTableClient(connectionString, open), closed: createTableClient(connectionString, `${open.slice(0, 57)}closed`) };
}
