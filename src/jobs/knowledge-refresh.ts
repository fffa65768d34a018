import { errorCodeOf, isAppError } from '../errors';
import { buildKnowledgeBase, type LoadedKnowledgeBase } from '../knowledge/build-knowledge-base';
import { SHIPPED, type KnowledgeBaseHolder } from '../knowledge/knowledge-base-holder';
import type { KnowledgeFiles } from '../knowledge/knowledge-files';
import type { KnowledgeVersionStore } from '../knowledge/knowledge-versions';
import type { Logger } from '../log';
import type { PeriodicJob } from './periodic-jobs';

export interface KnowledgeRefreshDeps {
  readonly holder: KnowledgeBaseHolder;
  readonly versions: Pick<KnowledgeVersionStore, 'currentIfChanged' | 'get'>;
  /** The shipped example (`locales/`), served when nothing is published. */
  readonly loadShipped: () => LoadedKnowledgeBase;
  readonly logger: Logger;
  /** How a version's files become a knowledge base: start-up's validation and index (a seam for tests). */
  readonly build?: (files: KnowledgeFiles) => LoadedKnowledgeBase;
}

/** What one check did: nothing to do, a new knowledge base is served, or the new one could not be loaded (the old one stays). */
export type RefreshOutcome = 'unchanged' | 'switched' | 'failed';

/**
 * Keeps an instance on the current published knowledge base: each check reads the small pointer
 * (`If-None-Match` its last ETag, so an unchanged pointer costs one request and no body); when it
 * changed, the named version is read, validated and indexed beside the running one, and only then
 * swapped in. A version that fails to load is logged (its number and error code, nothing else) and
 * the running knowledge base stays; the same pointer is not tried again, but a later one is.
 * Storage that cannot be reached is tried again at the next check.
 */
export class KnowledgeRefresher {
  /** The ETag of the pointer last acted on; undefined until one has been read. */
  private seen: string | undefined;

  constructor(private readonly deps: KnowledgeRefreshDeps) {}

  async refresh(): Promise<RefreshOutcome> {
    const { holder, versions, logger } = this.deps;
    const read = await versions.currentIfChanged(this.seen);
    if (read === 'unchanged') return 'unchanged';
    if (read === undefined) {
      // Nothing published (or the pointer was removed): the shipped example, as without publishing.
      this.seen = undefined;
      if (holder.source().kind === 'shipped') return 'unchanged';
      let shipped: LoadedKnowledgeBase;
      try {
        shipped = this.deps.loadShipped();
      } catch (err) {
        // The folder on disk changed since start-up and no longer validates: keep serving, try again next time.
        logger.error('shipped knowledge base not loaded; the running one stays', { errCode: errorCodeOf(err) });
        return 'failed';
      }
      holder.replace(shipped, SHIPPED);
      logger.info('knowledge base switched', { source: 'shipped', articles: shipped.articles.length });
      return 'switched';
    }
    const { number } = read.pointer;
    const serving = holder.source();
    if (serving.kind === 'published' && serving.number === number) {
      this.seen = read.etag;
      return 'unchanged';
    }
    try {
      const version = await versions.get(number);
      if (!version) {
        this.seen = read.etag;
        logger.error('published knowledge base not loaded; the running one stays', { version: number, errCode: 'STORAGE_NOT_FOUND' });
        return 'failed';
      }
      const started = performance.now();
      const kb = (this.deps.build ?? buildKnowledgeBase)(version.files);
      holder.replace(kb, { kind: 'published', number });
      this.seen = read.etag;
      logger.info('knowledge base switched', { source: 'published', version: number, articles: kb.articles.length, buildMs: Math.round(performance.now() - started) });
      return 'switched';
    } catch (err) {
      // A version that cannot be built (or a damaged blob) stays broken: remember it, log it once.
      // Storage that did not answer may answer at the next check.
      if (!isAppError(err, 'STORAGE_UNAVAILABLE')) this.seen = read.etag;
      const problems = isAppError(err, 'KB_INVALID') ? err.message.split('\n').length - 1 : undefined;
      logger.error('published knowledge base not loaded; the running one stays', { version: number, errCode: errorCodeOf(err), ...(problems !== undefined ? { problems } : {}) });
      return 'failed';
    }
  }

  /** The check as a periodic job (see `startPeriodicJobs`). */
  job(everyMs: number): PeriodicJob {
    return { name: 'knowledge-refresh', everyMs, run: () => this.refresh() };
  }
}
