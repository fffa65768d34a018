import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES_DIR } from '../../src/paths';
import { BlobAuditLog } from '../../src/storage/blob-audit-log';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { cardOf, messageActivity, postActivity } from '../support/activities';
import { freshContainers, type TestContainers } from '../support/azurite';
import { startTestBot } from '../support/bot';
import { firstStep } from '../support/knowledge-files';
import { spawnScript } from '../support/processes';

/** A question the example answers with this routine, whose first step the card shows as written. */
const QUESTION = 'Vad gör jag om gästen kan vara under 18 år?';
const ARTICLE = 'sv/knowledge/child-may-be-involved.md';
const SHIPPED_STEP = firstStep(readFileSync(path.join(LOCALES_DIR, ARTICLE), 'utf8'));
/** How long both instances may take to serve a new version (the promise: within a minute). */
const SWITCH_DEADLINE_MS = 60_000;

let dirs: string[] = [];
/** A knowledge-base folder laid out as locales/ is: a copy of the shipped one, with the routine's first step changed. */
function folderWith(edit: (article: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-publish-'));
  dirs.push(dir);
  for (const lng of ['sv', 'en']) cpSync(path.join(LOCALES_DIR, lng, 'knowledge'), path.join(dir, lng, 'knowledge'), { recursive: true });
  const file = path.join(dir, ARTICLE);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}
const marked = (marker: string) => folderWith((text) => text.replace(SHIPPED_STEP, `${SHIPPED_STEP} Ändrad rutin ${marker}.`));

// Each command is a tsx process (seconds on a busy machine): the timeouts are guards, not measures.
describe('publishing the knowledge base (kb:publish, kb:versions, kb:rollback) while two bots answer', () => {
  let c: TestContainers;
  let store: JsonBlobStore;
  let bots: Awaited<ReturnType<typeof startTestBot>>[];
  let env: Record<string, string>;

  beforeAll(async () => {
    c = await freshContainers('kbpub');
    store = new JsonBlobStore(c.data);
    env = { APP_ENV: 'local', STORAGE_CONNECTION_STRING: c.connectionString, STORAGE_CONTAINER: c.name, LOG_LEVEL: 'silent', KB_REFRESH_SECONDS: '1' };
    // Two instances on one storage account, each checking the pointer every second.
    bots = await Promise.all([startTestBot(c.connectionString, c.name, { KB_REFRESH_SECONDS: '1' }), startTestBot(c.connectionString, c.name, { KB_REFRESH_SECONDS: '1' })]);
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  });

  /** The answer card's text for the question, from one bot. */
  const answer = async (bot: { baseUrl: string }) => JSON.stringify(cardOf((await postActivity(bot.baseUrl, messageActivity(QUESTION))).replies[0]) ?? null);

  async function run(script: string, args: string[], extraEnv: Record<string, string> = {}) {
    const p = spawnScript(script, args, { ...env, ...extraEnv });
    return { code: await p.exited, output: p.output() };
  }

  /**
   * Ask both bots again and again until both answer with `expected` in the card; every answer on
   * the way must be the routine (old or new), never an error or no answer. Returns how long it took.
   */
  async function untilBothServe(expected: string, since: number): Promise<{ ms: number; answers: number }> {
    const served = [false, false];
    let answers = 0;
    while (!served.every(Boolean)) {
      if (Date.now() - since > SWITCH_DEADLINE_MS) throw new Error(`after ${SWITCH_DEADLINE_MS} ms, instances serving "${expected}": ${JSON.stringify(served)}`);
      const cards = await Promise.all(bots.map(answer));
      cards.forEach((card, i) => {
        expect(card).toContain('Om ett barn kan vara inblandat'); // the routine, every time
        if (card.includes(expected)) served[i] = true;
      });
      answers += cards.length;
    }
    return { ms: Date.now() - since, answers };
  }

  it('answers from the shipped example while nothing is published', async () => {
    for (const bot of bots) {
      const card = await answer(bot);
      expect(card).toContain(SHIPPED_STEP);
      expect(card).not.toContain('Ändrad rutin');
    }
    const versions = await run('kb-versions.ts', []);
    expect(versions.code).toBe(0);
    expect(versions.output).toContain('nothing published; every instance serves the shipped example');
  }, 120_000);

  it('serves a published change on both instances within a minute, with no moment without the routine', async () => {
    // Questions keep coming while the version is published and swapped in.
    let stop = false;
    let during = 0;
    const traffic = (async () => {
      while (!stop) {
        for (const card of await Promise.all(bots.map(answer))) {
          expect(card).toContain('Om ett barn kan vara inblandat');
          during++;
        }
      }
    })();
    try {
      const published = await run('kb-publish.ts', [marked('A1'), '--by', 'Anna Admin']);
      expect(published.code, published.output).toBe(0);
      expect(published.output).toMatch(/kb:publish: version 1 published by Anna Admin \(\d+ articles\) and current/);
      const { ms } = await untilBothServe('Ändrad rutin A1', Date.now());
      expect(ms).toBeLessThan(SWITCH_DEADLINE_MS);
    } finally {
      stop = true;
      await traffic;
    }
    expect(during).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a broken folder with the file and the reason, and nothing changes', async () => {
    const before = await store.list('kb/');
    const pointer = await store.get('kb/current.json');
    const broken = folderWith((text) => text.replace(/^audience: .*$/m, 'audience: []'));
    const refused = await run('kb-publish.ts', [broken, '--by', 'Anna Admin']);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('refused, nothing stored');
    expect(refused.output).toContain(`${ARTICLE}: audience: must name at least one of staff, partner, coordinator`);
    expect(await store.list('kb/')).toEqual(before);
    expect((await store.get('kb/current.json'))?.etag).toBe(pointer?.etag);
    for (const bot of bots) expect(await answer(bot)).toContain('Ändrad rutin A1');
  }, 120_000);

  it('rolls back to an earlier version on both instances, and lists who published what and which is current', async () => {
    const second = await run('kb-publish.ts', [marked('B2')], { USER: 'bertil' }); // who: from the environment
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('version 2 published by bertil');
    await untilBothServe('Ändrad rutin B2', Date.now());

    const rollback = await run('kb-rollback.ts', ['1', '--by', 'Carl Admin']);
    expect(rollback.code, rollback.output).toBe(0);
    expect(rollback.output).toContain('version 1 (published');
    expect(rollback.output).toContain('is current again instead of version 2');
    const { ms } = await untilBothServe('Ändrad rutin A1', Date.now());
    expect(ms).toBeLessThan(SWITCH_DEADLINE_MS);
    for (const bot of bots) expect(await answer(bot)).not.toContain('Ändrad rutin B2');

    const listed = await run('kb-versions.ts', []);
    expect(listed.code).toBe(0);
    const lines = listed.output.trim().split('\n');
    expect(lines[0]).toMatch(/^version\s+published\s+by\s+articles$/);
    expect(lines[1]).toMatch(/^\s*1\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+Anna Admin\s+\d+\s+current$/);
    expect(lines[2]).toMatch(/^\s*2\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+bertil\s+\d+$/);
    expect(lines[3]).toMatch(/^current: version 1, made current by a rollback \(Carl Admin, .* UTC\)$/);

    // A version that does not exist changes nothing.
    const missing = await run('kb-rollback.ts', ['9', '--by', 'Carl Admin']);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('there is no version 9');

    const day = new Date().toISOString().slice(0, 10);
    const events = (await new BlobAuditLog(store).read(day)).filter((e) => e.action.startsWith('kb.'));
    expect(events.map((e) => [e.action, e.result, e.actor, e.version ?? null])).toEqual([
      ['kb.publish', 'ok', 'Anna Admin', 1],
      ['kb.publish', 'refused', 'Anna Admin', null],
      ['kb.publish', 'ok', 'bertil', 2],
      ['kb.rollback', 'ok', 'Carl Admin', 1],
      ['kb.rollback', 'refused', 'Carl Admin', 9],
    ]);
  }, 180_000);

  it('serves the current version from the first answer when an instance starts after it was published', async () => {
    // A check interval of an hour: only the start-up load can have brought the published version.
    const late = await startTestBot(c.connectionString, c.name, { KB_REFRESH_SECONDS: '3600' });
    try {
      expect(await answer(late)).toContain('Ändrad rutin A1');
    } finally {
      await late.stop();
    }
  }, 120_000);
});
