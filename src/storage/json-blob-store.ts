import { RestError, type ContainerClient } from '@azure/storage-blob';
import { AppError } from '../errors';

/** A value read from storage with the ETag that guards the next write. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

/** Write conditions: `ifMatch` (update exactly this version) or `ifNoneMatch: '*'` (create only). */
export interface WriteCondition {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: '*';
  /** The lease this writer holds on the blob (required while it is leased). */
  readonly leaseId?: string;
}

/**
 * Typed JSON documents in one blob container, with optimistic concurrency through ETags.
 * @remarks Faults become AppErrors: a lost race is STORAGE_CONFLICT, an unreachable service
 * STORAGE_UNAVAILABLE. A missing blob on `get` is a value (`undefined`), not an error.
 */
export class JsonBlobStore {
  constructor(private readonly container: ContainerClient) {}

  async get<T>(name: string): Promise<Versioned<T> | undefined> {
    try {
      // One GET returns the body and the ETag of exactly that body.
      const res = await this.container.getBlockBlobClient(name).download();
      const buffer = await readAll(res.readableStreamBody);
      return { value: parseJson<T>(name, buffer), etag: res.etag ?? '' };
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw toStorageError(err, `read ${name}`);
    }
  }

  /**
   * Like `get`, but only when the blob's ETag is no longer `etag` (`If-None-Match`): 'unchanged'
   * costs one request and no body. With `etag` undefined it is `get`.
   */
  async getIfChanged<T>(name: string, etag: string | undefined): Promise<Versioned<T> | undefined | 'unchanged'> {
    if (etag === undefined) return this.get<T>(name);
    try {
      const res = await this.container.getBlockBlobClient(name).download(0, undefined, { conditions: { ifNoneMatch: etag } });
      const buffer = await readAll(res.readableStreamBody);
      return { value: parseJson<T>(name, buffer), etag: res.etag ?? '' };
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 304) return 'unchanged';
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw toStorageError(err, `read ${name}`);
    }
  }

  async put<T>(name: string, value: T, condition: WriteCondition = {}): Promise<string> {
    const body = JSON.stringify(value);
    try {
      const res = await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
        conditions: { ifMatch: condition.ifMatch, ifNoneMatch: condition.ifNoneMatch, leaseId: condition.leaseId },
      });
      return res.etag ?? '';
    } catch (err) {
      throw toStorageError(err, `write ${name}`);
    }
  }

  async delete(name: string, condition: { ifMatch?: string; leaseId?: string } = {}): Promise<void> {
    try {
      await this.container.getBlockBlobClient(name).deleteIfExists({ conditions: { ifMatch: condition.ifMatch, leaseId: condition.leaseId } });
    } catch (err) {
      throw toStorageError(err, `delete ${name}`);
    }
  }

  /**
   * Take an exclusive lease on a blob for `seconds` (15-60); undefined when someone else holds it.
   * A lease that is not released expires by itself, so a crashed holder blocks nobody for long.
   */
  async acquireLease(name: string, seconds: number): Promise<string | undefined> {
    try {
      const res = await this.container.getBlockBlobClient(name).getBlobLeaseClient().acquireLease(seconds);
      return res.leaseId;
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 404)) return undefined;
      throw toStorageError(err, `lease ${name}`);
    }
  }

  async renewLease(name: string, leaseId: string): Promise<void> {
    try {
      await this.container.getBlockBlobClient(name).getBlobLeaseClient(leaseId).renewLease();
    } catch (err) {
      throw toStorageError(err, `lease ${name}`);
    }
  }

  async releaseLease(name: string, leaseId: string): Promise<void> {
    try {
      await this.container.getBlockBlobClient(name).getBlobLeaseClient(leaseId).releaseLease();
    } catch (err) {
      // Released already, expired, or the blob is gone after completion: nothing left to release.
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 404 || err.statusCode === 412)) return;
      throw toStorageError(err, `release ${name}`);
    }
  }

  /** Append one line to an append blob, creating it first if needed (concurrent appends are safe). */
  async appendLine(name: string, line: string): Promise<void> {
    const body = `${line}\n`;
    try {
      const blob = this.container.getAppendBlobClient(name);
      await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson; charset=utf-8' } });
      await blob.appendBlock(body, Buffer.byteLength(body));
    } catch (err) {
      throw toStorageError(err, `append ${name}`);
    }
  }

  /** A blob's text, or undefined when it does not exist. */
  async readText(name: string): Promise<string | undefined> {
    try {
      const res = await this.container.getBlobClient(name).download();
      return (await readAll(res.readableStreamBody)).toString('utf8');
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw toStorageError(err, `read ${name}`);
    }
  }

  /** The names of the blobs under `prefix`, in name order; with `limit`, at most that many (one request). */
  async list(prefix: string, limit?: number): Promise<string[]> {
    const names: string[] = [];
    try {
      if (limit !== undefined) {
        for await (const page of this.container.listBlobsFlat({ prefix }).byPage({ maxPageSize: limit })) {
          names.push(...page.segment.blobItems.map((item) => item.name).slice(0, limit));
          break;
        }
        return names;
      }
      for await (const item of this.container.listBlobsFlat({ prefix })) names.push(item.name);
    } catch (err) {
      throw toStorageError(err, `list ${prefix}`);
    }
    return names;
  }
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function parseJson<T>(name: string, buffer: Buffer): T {
  try {
    return JSON.parse(buffer.toString('utf8')) as T;
  } catch (err) {
    throw new AppError('STORAGE_CORRUPT', `a ${name.split('/')[0] ?? ''} blob is not valid JSON`, { cause: err });
  }
}

/** Map an SDK or network error to our codes; the blob name is ours, never user text. */
/** "write state/…": the kind of blob, never its name (names hold conversation and user ids). */
function describe(what: string): string {
  const [verb, name = ''] = what.split(' ', 2);
  return `${verb} ${name.split('/')[0] ?? ''}/…`;
}

export function toStorageError(err: unknown, operation: string): AppError {
  const what = describe(operation);
  if (err instanceof AppError) return err;
  if (err instanceof RestError && (err.statusCode === 412 || err.statusCode === 409)) {
    return new AppError('STORAGE_CONFLICT', `${what}: changed by someone else (${err.statusCode})`, { cause: err });
  }
  if (err instanceof RestError && err.statusCode === 404) {
    return new AppError('STORAGE_NOT_FOUND', `${what}: not found`, { cause: err });
  }
  return new AppError('STORAGE_UNAVAILABLE', `${what}: storage unavailable`, { cause: err });
}
