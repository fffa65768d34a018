import { describe, expect, it } from 'vitest';
import { canRead } from '../../src/knowledge/article';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import { LOCALES_DIR } from '../../src/paths';

describe('canRead', () => {
  const kb = loadKnowledgeBase(LOCALES_DIR);
  const readable = (reader: 'partner' | 'staff' | 'coordinator') => kb.index.articles('en').filter((a) => canRead(reader, a)).length;

  it('lets coordinators read every routine, staff the staff and partner ones, partners the partner ones', () => {
    const all = kb.index.articles('en').length;
    expect(readable('coordinator')).toBe(all);
    expect(readable('staff')).toBe(kb.index.articles('en').filter((a) => a.audience.includes('staff') || a.audience.includes('partner')).length);
    expect(readable('partner')).toBe(kb.index.articles('en').filter((a) => a.audience.includes('partner')).length);
    expect(canRead('partner', { audience: ['coordinator'] })).toBe(false);
    expect(canRead('staff', { audience: ['coordinator'] })).toBe(false);
    expect(canRead('coordinator', { audience: ['partner'] })).toBe(true);
  });
});
