import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/knowledge/build-knowledge-base';
import { KnowledgeBaseHolder } from '../../src/knowledge/knowledge-base-holder';
import { SHIPPED_FILES, withFile } from '../support/knowledge-files';

const shipped = buildKnowledgeBase(SHIPPED_FILES);
const changed = buildKnowledgeBase(withFile(SHIPPED_FILES, 'en', 'helplines.md', (t) => t.replace(/^title: .*$/m, 'title: Helplines, version two')));

describe('KnowledgeBaseHolder', () => {
  it('serves the shipped example until something else is put in', () => {
    const holder = new KnowledgeBaseHolder(shipped);
    expect(holder.current()).toBe(shipped);
    expect(holder.source()).toEqual({ kind: 'shipped' });
  });

  it('serves the new knowledge base from the next read after a swap, while a turn that already took one keeps it whole', () => {
    const holder = new KnowledgeBaseHolder(shipped);
    const turn = holder.current(); // a turn takes the knowledge base once
    holder.replace(changed, { kind: 'published', number: 2 });
    expect(holder.current().index.article('helplines', 'en')?.title).toBe('Helplines, version two');
    expect(holder.source()).toEqual({ kind: 'published', number: 2 });
    // The running turn still reads one whole version: its article and its related articles agree.
    expect(turn.index.article('helplines', 'en')?.title).not.toBe('Helplines, version two');
    expect(turn.articles).toBe(shipped.articles);
  });
});
