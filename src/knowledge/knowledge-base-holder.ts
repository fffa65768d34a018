import type { LoadedKnowledgeBase } from './build-knowledge-base';

/** Where the knowledge base an instance serves came from: the shipped example (`locales/`) or a published version. */
export type KnowledgeSource = { readonly kind: 'shipped' } | { readonly kind: 'published'; readonly number: number };

export const SHIPPED: KnowledgeSource = { kind: 'shipped' };

/** What answering needs: the knowledge base being served right now. */
export interface CurrentKnowledgeBase {
  current(): LoadedKnowledgeBase;
}

/**
 * The one reference to the knowledge base an instance serves. Everything that reads routines
 * (answers, article and related cards, feedback, the coordinator hand-off) asks `current()` once
 * per turn, so a turn sees one version from start to end.
 * @remarks A new version is built and validated completely before `replace` is called; the swap
 * itself is one assignment, so there is never a moment with no knowledge base, or half of one.
 * @example const holder = new KnowledgeBaseHolder(loadKnowledgeBase(LOCALES_DIR)); holder.current().index
 */
export class KnowledgeBaseHolder implements CurrentKnowledgeBase {
  private served: { readonly kb: LoadedKnowledgeBase; readonly source: KnowledgeSource };

  constructor(kb: LoadedKnowledgeBase, source: KnowledgeSource = SHIPPED) {
    this.served = { kb, source };
  }

  current(): LoadedKnowledgeBase {
    return this.served.kb;
  }

  source(): KnowledgeSource {
    return this.served.source;
  }

  /** Serve `kb` from now on; turns already running keep the one they took. */
  replace(kb: LoadedKnowledgeBase, source: KnowledgeSource): void {
    this.served = { kb, source };
  }
}
