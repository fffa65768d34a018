import { createHash, randomBytes } from 'node:crypto';
import type { Download, DownloadStore } from '../statistics/statistics-source';
import { isAppError } from '../errors';
import type { JsonBlobStore } from './json-blob-store';

interface StoredDownload extends Download {
  readonly expiresAt: string;
}

const PREFIX = 'downloads/';
/** 32 random bytes, base64url: the only thing that opens a download. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Short-lived downloads in blob storage, so that any instance serves a link another one made. The
 * blob is named by the SHA-256 of the token, never the token, so a reader of the storage account
 * cannot make a working link; an expired one is refused, then deleted (on read and by `sweep`).
 */
export class BlobDownloadStore implements DownloadStore {
  constructor(private readonly store: JsonBlobStore) {}

  private name(token: string): string {
    return `${PREFIX}${createHash('sha256').update(token).digest('hex')}.json`;
  }

  async put(download: Download, expiresAt: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.store.put<StoredDownload>(this.name(token), { ...download, expiresAt: expiresAt.toISOString() }, { ifNoneMatch: '*' });
    return token;
  }

  async get(token: string, now: Date): Promise<Download | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const name = this.name(token);
    const found = (await this.store.get<StoredDownload>(name))?.value;
    if (!found) return undefined;
    if (Date.parse(found.expiresAt) <= now.getTime()) {
      await this.store.delete(name);
      return undefined;
    }
    return { filename: found.filename, contentType: found.contentType, body: found.body };
  }

  async sweep(now: Date): Promise<number> {
    let removed = 0;
    for (const name of await this.store.list(PREFIX)) {
      const found = await this.store.get<StoredDownload>(name);
      if (found && Date.parse(found.value.expiresAt) <= now.getTime()) {
        try {
          await this.store.delete(name, { ifMatch: found.etag });
          removed++;
        } catch (err) {
          // Another instance swept it first: it is gone either way.
          if (!isAppError(err, 'STORAGE_CONFLICT')) throw err;
        }
      }
    }
    return removed;
  }
}
