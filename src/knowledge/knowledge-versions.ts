import type { KnowledgeFiles } from './knowledge-files';

/** What `kb:versions` shows of one published version. */
export interface KnowledgeVersionInfo {
  /** 1, 2, 3, … in the order they were published; never reused. */
  readonly number: number;
  /** ISO time, from the one clock. */
  readonly publishedAt: string;
  /** Who published it (the `--by` option, or the operator's user name). */
  readonly publishedBy: string;
  /** Articles in every language together (as `kb:validate` counts them). */
  readonly articles: number;
}

/** A published version: every file's text, stored once and never changed. */
export interface KnowledgeVersion extends KnowledgeVersionInfo {
  readonly files: KnowledgeFiles;
}

/**
 * Which version every instance serves. A small document that publish and rollback replace (never
 * edit in place), each write conditioned on the ETag it was read with.
 */
export interface CurrentKnowledgeVersion {
  readonly number: number;
  readonly setAt: string;
  readonly setBy: string;
  readonly reason: 'publish' | 'rollback';
}

/** The pointer as read, with the ETag that guards replacing it. */
export interface CurrentPointer {
  readonly pointer: CurrentKnowledgeVersion;
  readonly etag: string;
}

/**
 * Published knowledge-base versions and the pointer to the current one.
 * @remarks Writing the pointer with a stale ETag (or creating it when it exists) is an
 * AppError('STORAGE_CONFLICT'), to be retried with `retryOnConflict`.
 */
export interface KnowledgeVersionStore {
  /** Store the files as the next version number, create-only: a stored version never changes. */
  add(version: Omit<KnowledgeVersion, 'number'>): Promise<KnowledgeVersionInfo>;
  get(number: number): Promise<KnowledgeVersion | undefined>;
  /** Every version, oldest first. */
  list(): Promise<KnowledgeVersionInfo[]>;
  /** The pointer, or undefined when nothing has been published. */
  current(): Promise<CurrentPointer | undefined>;
  /**
   * The cheap check each instance makes: 'unchanged' when the pointer still has ETag `etag`
   * (nothing is downloaded), otherwise what `current()` returns.
   */
  currentIfChanged(etag: string | undefined): Promise<CurrentPointer | undefined | 'unchanged'>;
  /** Replace the pointer read with `etag` (undefined: create it, as nothing was published yet); returns the new ETag. */
  setCurrent(pointer: CurrentKnowledgeVersion, etag: string | undefined): Promise<string>;
}
