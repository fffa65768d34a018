import { describe, expect, it } from 'vitest';
import { publishKnowledgeBase } from '../../src/knowledge/publish-knowledge-base';
import { rollbackKnowledgeBase } from '../../src/knowledge/rollback-knowledge-base';
import { MemoryKnowledgeVersions } from '../support/memory-knowledge-versions';
import { SHIPPED_FILES, withFile } from '../support/knowledge-files';

const clockAt = (iso: string) => ({ now: () => new Date(iso) });
const T1 = '2026-06-01T10:00:00.000Z';
const T2 = '2026-06-02T11:30:00.000Z';
const broken = withFile(SHIPPED_FILES, 'sv', 'helplines.md', (t) => t.replace(/^audience: .*$/m, 'audience: []'));
const articles = Object.values(SHIPPED_FILES).reduce((n, folder) => n + Object.keys(folder ?? {}).filter((f) => f.endsWith('.md')).length, 0);

describe('publishKnowledgeBase', () => {
  it('stores a valid knowledge base as version 1 with who and when, and makes it current', async () => {
    const versions = new MemoryKnowledgeVersions();
    const outcome = await publishKnowledgeBase(SHIPPED_FILES, { versions, clock: clockAt(T1), by: 'anna' });
    expect(outcome).toEqual({ type: 'published', current: true, version: { number: 1, publishedAt: T1, publishedBy: 'anna', articles } });
    expect(versions.versions.get(1)?.files).toEqual(SHIPPED_FILES);
    expect(versions.pointer?.pointer).toEqual({ number: 1, setAt: T1, setBy: 'anna', reason: 'publish' });
  });

  it('refuses an invalid knowledge base with each file and reason, as start-up does, and stores nothing', async () => {
    const versions = new MemoryKnowledgeVersions();
    await publishKnowledgeBase(SHIPPED_FILES, { versions, clock: clockAt(T1), by: 'anna' });
    const pointer = versions.pointer;
    const outcome = await publishKnowledgeBase(broken, { versions, clock: clockAt(T2), by: 'bob' });
    expect(outcome.type).toBe('invalid');
    expect(outcome.type === 'invalid' && outcome.problems).toContain('sv/knowledge/helplines.md: audience: must name at least one of staff, partner, coordinator');
    expect([...versions.versions.keys()]).toEqual([1]);
    expect(versions.pointer).toBe(pointer);
  });

  it('tries the pointer again when someone else moved it between its read and its write', async () => {
    const versions = new MemoryKnowledgeVersions();
    await publishKnowledgeBase(SHIPPED_FILES, { versions, clock: clockAt(T1), by: 'anna' });
    const setCurrent = versions.setCurrent.bind(versions);
    let raced = false;
    versions.setCurrent = async (pointer, etag) => {
      if (!raced) {
        raced = true; // a rollback to version 1 lands first
        await setCurrent({ number: 1, setAt: T1, setBy: 'carl', reason: 'rollback' }, etag);
      }
      return setCurrent(pointer, etag);
    };
    const outcome = await publishKnowledgeBase(SHIPPED_FILES, { versions, clock: clockAt(T2), by: 'bob' });
    expect(outcome).toMatchObject({ type: 'published', current: true, version: { number: 2 } });
    expect(versions.pointer?.pointer).toEqual({ number: 2, setAt: T2, setBy: 'bob', reason: 'publish' });
  });

  it('leaves a newer version current when one was published while this one was stored', async () => {
    const versions = new MemoryKnowledgeVersions();
    const add = versions.add.bind(versions);
    versions.add = async (v) => {
      versions.add = add;
      const mine = await add(v);
      // Another administrator publishes version 2 and makes it current before this one moves the pointer.
      await publishKnowledgeBase(SHIPPED_FILES, { versions, clock: clockAt(T2), by: 'bob' });
      return mine;
    };
    const outcome = await publishKnowledgeBase(SHIPPED_FILES, { versions, clock: clockAt(T1), by: 'anna' });
    expect(outcome).toMatchObject({ type: 'published', current: false, version: { number: 1 } });
    expect(versions.pointer?.pointer).toMatchObject({ number: 2, setBy: 'bob' });
  });
});

describe('rollbackKnowledgeBase', () => {
  async function twoVersions() {
    const versions = new MemoryKnowledgeVersions();
    await publishKnowledgeBase(SHIPPED_FILES, { versions, clock: clockAt(T1), by: 'anna' });
    await publishKnowledgeBase(withFile(SHIPPED_FILES, 'en', 'helplines.md', (t) => t.replace(/^title: .*$/m, 'title: Changed')), { versions, clock: clockAt(T1), by: 'anna' });
    return versions;
  }

  it('makes an earlier version current again with a new pointer, and leaves every version as it was', async () => {
    const versions = await twoVersions();
    const stored = structuredClone([...versions.versions.entries()]);
    const outcome = await rollbackKnowledgeBase(1, { versions, clock: clockAt(T2), by: 'bob' });
    expect(outcome).toEqual({ type: 'madeCurrent', previous: 2, version: { number: 1, publishedAt: T1, publishedBy: 'anna', articles } });
    expect(versions.pointer?.pointer).toEqual({ number: 1, setAt: T2, setBy: 'bob', reason: 'rollback' });
    expect([...versions.versions.entries()]).toEqual(stored);
    // And back again: a rollback is undone the same way.
    expect(await rollbackKnowledgeBase(2, { versions, clock: clockAt(T2), by: 'bob' })).toMatchObject({ type: 'madeCurrent', previous: 1 });
  });

  it('changes nothing for a version that does not exist or is already current', async () => {
    const versions = await twoVersions();
    const pointer = versions.pointer;
    expect(await rollbackKnowledgeBase(7, { versions, clock: clockAt(T2), by: 'bob' })).toEqual({ type: 'notFound' });
    expect(await rollbackKnowledgeBase(2, { versions, clock: clockAt(T2), by: 'bob' })).toMatchObject({ type: 'alreadyCurrent', version: { number: 2 } });
    expect(versions.pointer).toBe(pointer);
  });

  it('refuses a stored version that no longer validates, and changes nothing', async () => {
    const versions = await twoVersions();
    const pointer = versions.pointer;
    // Stored when the rules were looser (here: put there directly).
    const old = await versions.add({ publishedAt: T1, publishedBy: 'anna', articles, files: broken });
    const outcome = await rollbackKnowledgeBase(old.number, { versions, clock: clockAt(T2), by: 'bob' });
    expect(outcome.type).toBe('invalid');
    expect(outcome.type === 'invalid' && outcome.problems).toContain('sv/knowledge/helplines.md');
    expect(versions.pointer).toBe(pointer);
  });
});
