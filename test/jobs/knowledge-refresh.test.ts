import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { KnowledgeRefresher } from '../../src/jobs/knowledge-refresh';
import { buildKnowledgeBase, type LoadedKnowledgeBase } from '../../src/knowledge/build-knowledge-base';
import { KnowledgeBaseHolder } from '../../src/knowledge/knowledge-base-holder';
import type { KnowledgeFiles } from '../../src/knowledge/knowledge-files';
import type { Logger } from '../../src/log';
import { MemoryKnowledgeVersions } from '../support/memory-knowledge-versions';
import { SHIPPED_FILES, withFile } from '../support/knowledge-files';

const shipped = buildKnowledgeBase(SHIPPED_FILES);
const retitled = (title: string) => withFile(SHIPPED_FILES, 'en', 'helplines.md', (t) => t.replace(/^title: .*$/m, `title: ${title}`));
const broken = withFile(SHIPPED_FILES, 'sv', 'helplines.md', (t) => t.replace(/^audience: .*$/m, 'audience: []'));
const PUBLISHER = 'Anna Öberg';

type Line = { level: string; msg: string; fields?: Record<string, unknown> };
function recordingLogger(lines: Line[]): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields ? { fields } : {}) });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

/** A version store with versions already published, an instance serving the shipped example, and its refresher. */
function setUp(build?: (files: KnowledgeFiles) => LoadedKnowledgeBase, loadShipped = () => buildKnowledgeBase(SHIPPED_FILES)) {
  const versions = new MemoryKnowledgeVersions();
  const holder = new KnowledgeBaseHolder(shipped);
  const lines: Line[] = [];
  let shippedLoads = 0;
  const refresher = new KnowledgeRefresher({
    holder,
    versions,
    loadShipped: () => (shippedLoads++, loadShipped()),
    logger: recordingLogger(lines),
    ...(build ? { build } : {}),
  });
  const publish = async (files: KnowledgeFiles) => {
    const v = await versions.add({ publishedAt: new Date().toISOString(), publishedBy: PUBLISHER, articles: 0, files });
    await versions.setCurrent({ number: v.number, setAt: new Date().toISOString(), setBy: PUBLISHER, reason: 'publish' }, versions.pointer?.etag);
    return v.number;
  };
  const title = () => holder.current().index.article('helplines', 'en')?.title;
  return { versions, holder, lines, refresher, publish, title, shippedLoads: () => shippedLoads };
}

describe('KnowledgeRefresher', () => {
  it('keeps the shipped example while nothing is published', async () => {
    const s = setUp();
    expect(await s.refresher.refresh()).toBe('unchanged');
    expect(s.holder.current()).toBe(shipped);
    expect(s.holder.source()).toEqual({ kind: 'shipped' });
  });

  it('switches to a published version, then costs one pointer check and no version read while nothing changes', async () => {
    const s = setUp();
    await s.publish(retitled('Helplines, version one'));
    expect(await s.refresher.refresh()).toBe('switched');
    expect(s.title()).toBe('Helplines, version one');
    expect(s.holder.source()).toEqual({ kind: 'published', number: 1 });
    const reads = s.versions.reads.versions;
    for (let i = 0; i < 5; i++) expect(await s.refresher.refresh()).toBe('unchanged');
    expect(s.versions.reads.versions).toBe(reads);
    expect(s.versions.reads.pointerChecks).toBe(6);
    await s.publish(retitled('Helplines, version two'));
    expect(await s.refresher.refresh()).toBe('switched');
    expect(s.title()).toBe('Helplines, version two');
  });

  it('builds the new version beside the running one: answers read the old one until the swap', async () => {
    let seenDuringBuild: string | undefined;
    const s = setUp((files) => {
      seenDuringBuild = s.title();
      return buildKnowledgeBase(files);
    });
    await s.publish(retitled('Helplines, version one'));
    await s.refresher.refresh();
    await s.publish(retitled('Helplines, version two'));
    await s.refresher.refresh();
    expect(seenDuringBuild).toBe('Helplines, version one');
    expect(s.title()).toBe('Helplines, version two');
  });

  it('keeps the running knowledge base when the new version does not validate, logs it once without content or names, and takes the next good one', async () => {
    const s = setUp();
    await s.publish(retitled('Helplines, version one'));
    await s.refresher.refresh();
    const bad = await s.publish(broken);
    expect(await s.refresher.refresh()).toBe('failed');
    expect(s.title()).toBe('Helplines, version one');
    expect(s.holder.source()).toEqual({ kind: 'published', number: 1 });
    expect(await s.refresher.refresh()).toBe('unchanged'); // the same broken pointer is not built again
    const errors = s.lines.filter((l) => l.level === 'error');
    // Two problems: the article itself, and so its Swedish version is missing.
    expect(errors).toEqual([{ level: 'error', msg: 'published knowledge base not loaded; the running one stays', fields: { version: bad, errCode: 'KB_INVALID', problems: 2 } }]);
    expect(JSON.stringify(s.lines)).not.toContain(PUBLISHER);
    expect(JSON.stringify(s.lines)).not.toContain('audience');
    await s.publish(retitled('Helplines, version three'));
    expect(await s.refresher.refresh()).toBe('switched');
    expect(s.title()).toBe('Helplines, version three');
  });

  it('keeps the running knowledge base when the version cannot be read, and tries again at the next check', async () => {
    const s = setUp();
    await s.publish(retitled('Helplines, version one'));
    const get = s.versions.get.bind(s.versions);
    let failures = 1;
    s.versions.get = async (n) => {
      if (failures-- > 0) throw new AppError('STORAGE_UNAVAILABLE', 'read kb/…: storage unavailable');
      return get(n);
    };
    expect(await s.refresher.refresh()).toBe('failed');
    expect(s.holder.current()).toBe(shipped);
    expect(await s.refresher.refresh()).toBe('switched');
    expect(s.title()).toBe('Helplines, version one');
  });

  it('throws when the pointer cannot be read (the periodic job logs it), serving what it served', async () => {
    const s = setUp();
    s.versions.unavailable = true;
    await expect(s.refresher.refresh()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(s.holder.current()).toBe(shipped);
  });

  it('keeps serving when the pointer names a version that is not stored', async () => {
    const s = setUp();
    await s.publish(retitled('Helplines, version one'));
    await s.refresher.refresh();
    await s.versions.setCurrent({ number: 99, setAt: new Date().toISOString(), setBy: PUBLISHER, reason: 'rollback' }, s.versions.pointer?.etag);
    expect(await s.refresher.refresh()).toBe('failed');
    expect(s.title()).toBe('Helplines, version one');
    expect(s.lines.at(-1)).toMatchObject({ level: 'error', fields: { version: 99, errCode: 'STORAGE_NOT_FOUND' } });
  });

  it('goes back to the shipped example when the pointer is removed', async () => {
    const s = setUp();
    await s.publish(retitled('Helplines, version one'));
    await s.refresher.refresh();
    s.versions.clearPointer();
    expect(await s.refresher.refresh()).toBe('switched');
    expect(s.holder.source()).toEqual({ kind: 'shipped' });
    expect(s.title()).toBe(shipped.index.article('helplines', 'en')?.title);
    expect(s.shippedLoads()).toBe(1);
  });

  it('keeps the published version when the pointer is removed but the shipped folder no longer validates', async () => {
    const s = setUp(undefined, () => buildKnowledgeBase(broken));
    await s.publish(retitled('Helplines, version one'));
    await s.refresher.refresh();
    s.versions.clearPointer();
    expect(await s.refresher.refresh()).toBe('failed');
    expect(s.title()).toBe('Helplines, version one');
    expect(s.lines.at(-1)).toEqual({ level: 'error', msg: 'shipped knowledge base not loaded; the running one stays', fields: { errCode: 'KB_INVALID' } });
  });
});
