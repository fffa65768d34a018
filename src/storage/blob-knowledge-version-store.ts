import { z } from 'zod';
import { AppError } from '../errors';
import { KB_LANGUAGES } from '../knowledge/article';
import { isKnowledgeFile } from '../knowledge/knowledge-files';
import type { CurrentKnowledgeVersion, CurrentPointer, KnowledgeVersion, KnowledgeVersionInfo, KnowledgeVersionStore } from '../knowledge/knowledge-versions';
import { retryOnConflict } from '../retry';
import type { JsonBlobStore, Versioned } from './json-blob-store';

const VERSIONS = 'kb/versions/';
const POINTER = 'kb/current.json';
/** Six digits keep the names in number order when listed (a million versions). */
const versionBlob = (n: number) => `${VERSIONS}${String(n).padStart(6, '0')}.json`;
const VERSION_NAME = /^kb\/versions\/(\d{6})\.json$/;

const INFO = {
  number: z.number().int().min(1),
  publishedAt: z.string().datetime(),
  publishedBy: z.string().min(1).max(200),
  articles: z.number().int().min(0),
};
const FILES = z.record(
  z.enum(KB_LANGUAGES),
  z.record(z.string().refine(isKnowledgeFile, 'not a knowledge-base file name'), z.string()),
);
const VERSION = z.object({ ...INFO, files: FILES });
const POINTER_DOC = z.object({
  number: z.number().int().min(1),
  setAt: z.string().datetime(),
  setBy: z.string().min(1).max(200),
  reason: z.enum(['publish', 'rollback']),
});

/**
 * Published knowledge-base versions as blobs: `kb/versions/000007.json` holds version 7 (who, when,
 * and every file's text), written create-only and never changed; `kb/current.json` is the small
 * pointer every instance checks, replaced with ETag conditions.
 */
export class BlobKnowledgeVersionStore implements KnowledgeVersionStore {
  constructor(private readonly store: JsonBlobStore) {}

  async add(version: Omit<KnowledgeVersion, 'number'>): Promise<KnowledgeVersionInfo> {
    // The next number is claimed by the create-only write: two publishers at once get two numbers.
    return retryOnConflict(async () => {
      const last = (await this.numbers()).at(-1) ?? 0;
      const stored: KnowledgeVersion = { number: last + 1, publishedAt: version.publishedAt, publishedBy: version.publishedBy, articles: version.articles, files: version.files };
      await this.store.put(versionBlob(stored.number), stored, { ifNoneMatch: '*' });
      const { files: _files, ...info } = stored;
      return info;
    });
  }

  async get(number: number): Promise<KnowledgeVersion | undefined> {
    const read = await this.store.get<unknown>(versionBlob(number));
    return read && parse(VERSION, read.value, `knowledge version ${number}`);
  }

  async list(): Promise<KnowledgeVersionInfo[]> {
    const out: KnowledgeVersionInfo[] = [];
    // Each version is read whole (a few hundred KB for the example); only administrators list them.
    for (const n of await this.numbers()) {
      const v = await this.get(n);
      if (v) out.push({ number: v.number, publishedAt: v.publishedAt, publishedBy: v.publishedBy, articles: v.articles });
    }
    return out;
  }

  async current(): Promise<CurrentPointer | undefined> {
    return this.pointer(await this.store.get<unknown>(POINTER));
  }

  async currentIfChanged(etag: string | undefined): Promise<CurrentPointer | undefined | 'unchanged'> {
    const read = await this.store.getIfChanged<unknown>(POINTER, etag);
    return read === 'unchanged' ? read : this.pointer(read);
  }

  async setCurrent(pointer: CurrentKnowledgeVersion, etag: string | undefined): Promise<string> {
    return this.store.put(POINTER, pointer, etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag });
  }

  private pointer(read: Versioned<unknown> | undefined): CurrentPointer | undefined {
    return read && { pointer: parse(POINTER_DOC, read.value, 'knowledge pointer'), etag: read.etag };
  }

  private async numbers(): Promise<number[]> {
    return (await this.store.list(VERSIONS))
      .map((name) => VERSION_NAME.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
  }
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('STORAGE_CORRUPT', `${what} is damaged (${parsed.error.issues[0]?.path.join('.') || 'document'}: ${parsed.error.issues[0]?.message ?? ''})`);
  return parsed.data;
}
