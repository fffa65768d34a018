import type { Clock } from '../clock';
import { isAppError } from '../errors';
import { retryOnConflict } from '../retry';
import { buildKnowledgeBase } from './build-knowledge-base';
import type { KnowledgeFiles } from './knowledge-files';
import type { KnowledgeVersionInfo, KnowledgeVersionStore } from './knowledge-versions';

export interface PublishOptions {
  readonly versions: KnowledgeVersionStore;
  readonly clock: Clock;
  /** Who publishes (stored with the version, shown by `kb:versions`). */
  readonly by: string;
}

export type PublishOutcome =
  /** Refused: nothing was stored. `problems` lists each problem as "file: reason", as start-up does. */
  | { readonly type: 'invalid'; readonly problems: string }
  /**
   * Stored as a new version. `current` is false only when a newer version was made current while
   * this one was being stored (that later decision stands).
   */
  | { readonly type: 'published'; readonly version: KnowledgeVersionInfo; readonly current: boolean };

/**
 * Validate a knowledge base exactly as start-up does, store it as a new version, and make it
 * current. An invalid knowledge base is refused before anything is written.
 * @example await publishKnowledgeBase(readKnowledgeFiles(dir), { versions, clock, by: 'anna' })
 */
export async function publishKnowledgeBase(files: KnowledgeFiles, options: PublishOptions): Promise<PublishOutcome> {
  let articles: number;
  try {
    articles = buildKnowledgeBase(files).articles.length;
  } catch (err) {
    if (isAppError(err, 'KB_INVALID')) return { type: 'invalid', problems: err.message };
    throw err;
  }
  const version = await options.versions.add({ publishedAt: options.clock.now().toISOString(), publishedBy: options.by, articles, files });
  const current = await retryOnConflict(async () => {
    const read = await options.versions.current();
    // Two publishers at once: the later version wins, whichever of them writes the pointer last.
    if (read && read.pointer.number > version.number) return false;
    await options.versions.setCurrent({ number: version.number, setAt: options.clock.now().toISOString(), setBy: options.by, reason: 'publish' }, read?.etag);
    return true;
  });
  return { type: 'published', version, current };
}
