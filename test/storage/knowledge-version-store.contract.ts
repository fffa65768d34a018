import { describe, expect, it } from 'vitest';
import type { KnowledgeVersionStore } from '../../src/knowledge/knowledge-versions';

const FILES = { sv: { 'a.md': 'svensk text', 'thesaurus.yaml': '- [a, b]\n' }, en: { 'a.md': 'english text' } };
const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute)).toISOString();

/** The rules every KnowledgeVersionStore keeps, run against the memory twin and the blob store. */
export function knowledgeVersionStoreContract(name: string, fresh: () => Promise<KnowledgeVersionStore>): void {
  describe(`${name}: the KnowledgeVersionStore contract`, () => {
    it('numbers versions 1, 2, 3 and gives back every file exactly', async () => {
      const store = await fresh();
      const first = await store.add({ publishedAt: at(0), publishedBy: 'Anna Öberg', articles: 2, files: FILES });
      const second = await store.add({ publishedAt: at(1), publishedBy: 'bob', articles: 2, files: { ...FILES, en: { 'a.md': 'changed' } } });
      expect([first.number, second.number]).toEqual([1, 2]);
      expect(await store.get(1)).toEqual({ number: 1, publishedAt: at(0), publishedBy: 'Anna Öberg', articles: 2, files: FILES });
      expect((await store.get(2))?.files.en).toEqual({ 'a.md': 'changed' });
      expect(await store.get(3)).toBeUndefined();
      expect(await store.list()).toEqual([
        { number: 1, publishedAt: at(0), publishedBy: 'Anna Öberg', articles: 2 },
        { number: 2, publishedAt: at(1), publishedBy: 'bob', articles: 2 },
      ]);
    });

    it('gives publishers at the same moment a number each', async () => {
      const store = await fresh();
      const added = await Promise.all(Array.from({ length: 5 }, (_, i) => store.add({ publishedAt: at(i), publishedBy: `p${i}`, articles: 1, files: FILES })));
      expect(added.map((v) => v.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
      // Each number holds the version that claimed it.
      for (const v of added) expect((await store.get(v.number))?.publishedBy).toBe(v.publishedBy);
    });

    it('has no pointer until one is created, and creating it twice is a conflict', async () => {
      const store = await fresh();
      expect(await store.current()).toBeUndefined();
      expect(await store.currentIfChanged(undefined)).toBeUndefined();
      const etag = await store.setCurrent({ number: 1, setAt: at(0), setBy: 'anna', reason: 'publish' }, undefined);
      await expect(store.setCurrent({ number: 2, setAt: at(1), setBy: 'bob', reason: 'publish' }, undefined)).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
      expect(await store.current()).toEqual({ pointer: { number: 1, setAt: at(0), setBy: 'anna', reason: 'publish' }, etag });
    });

    it('replaces the pointer only with the ETag it was read with', async () => {
      const store = await fresh();
      const first = await store.setCurrent({ number: 1, setAt: at(0), setBy: 'anna', reason: 'publish' }, undefined);
      const second = await store.setCurrent({ number: 2, setAt: at(1), setBy: 'bob', reason: 'publish' }, first);
      await expect(store.setCurrent({ number: 1, setAt: at(2), setBy: 'carl', reason: 'rollback' }, first)).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
      expect((await store.current())?.pointer.number).toBe(2);
      expect((await store.current())?.etag).toBe(second);
    });

    it("answers 'unchanged' to a check with the pointer's own ETag, and the new pointer once it changed", async () => {
      const store = await fresh();
      const etag = await store.setCurrent({ number: 1, setAt: at(0), setBy: 'anna', reason: 'publish' }, undefined);
      expect(await store.currentIfChanged(etag)).toBe('unchanged');
      const next = await store.setCurrent({ number: 1, setAt: at(1), setBy: 'bob', reason: 'rollback' }, etag);
      expect(await store.currentIfChanged(etag)).toEqual({ pointer: { number: 1, setAt: at(1), setBy: 'bob', reason: 'rollback' }, etag: next });
    });
  });
}
