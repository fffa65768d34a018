import type { Clock } from '../clock';
import { isAppError } from '../errors';
import { retryOnConflict } from '../retry';
import { buildKnowledgeBase } from './build-knowledge-base';
import type { KnowledgeVersionInfo, KnowledgeVersionStore } from './knowledge-versions';

export interface RollbackOptions {
  readonly versions: KnowledgeVersionStore;
  readonly clock: Clock;
  /** Who decided (written on the new pointer). */
  readonly by: string;
}

export type RollbackOutcome =
  | { readonly type: 'notFound' }
  | { readonly type: 'alreadyCurrent'; readonly version: KnowledgeVersionInfo }
  /** The stored version no longer passes validation (the rules may have changed since it was published). */
  | { readonly type: 'invalid'; readonly problems: string }
  | { readonly type: 'madeCurrent'; readonly version: KnowledgeVersionInfo; readonly previous: number | undefined };

/**
 * Make an earlier (or any stored) version current again: a new pointer, written with the ETag of
 * the one it replaces. The stored versions are not touched, so a rollback can itself be undone.
 * The version is validated again with today's rules first, as every instance will when it loads it.
 */
export async function rollbackKnowledgeBase(number: number, options: RollbackOptions): Promise<RollbackOutcome> {
  const stored = await options.versions.get(number);
  if (!stored) return { type: 'notFound' };
  const { files, ...version } = stored;
  try {
    buildKnowledgeBase(files);
  } catch (err) {
    if (isAppError(err, 'KB_INVALID')) return { type: 'invalid', problems: err.message };
    throw err;
  }
  return retryOnConflict(async (): Promise<RollbackOutcome> => {
    const read = await options.versions.current();
    if (read?.pointer.number === number) return { type: 'alreadyCurrent', version };
    await options.versions.setCurrent({ number, setAt: options.clock.now().toISOString(), setBy: options.by, reason: 'rollback' }, read?.etag);
    return { type: 'madeCurrent', version, previous: read?.pointer.number };
  });
}
