import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { silentLogger } from '../../src/log';
import { BlobBotStorage } from '../../src/storage/blob-bot-storage';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { createBlobContainers } from '../../src/storage/blob-container';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite';
import { JsonBlobStore, type WriteCondition } from '../../src/storage/json-blob-store';
import { KeySentinel } from '../../src/storage/key-sentinel';
import { NoteCipher, type Sealed } from '../../src/storage/note-cipher';
import { rotateKeys } from '../../src/storage/rotate-keys';
import { freshContainers } from '../support/azurite';
import { spawnScript, type StartedProcess } from '../support/processes';

const OLD = Buffer.alloc(32, 31);
const NEW = Buffer.alloc(32, 32);
/** The deployment before: the single NOTE_ENCRYPTION_KEY. After: a ring with a new key in front. */
const OLD_ONLY = new NoteCipher(OLD);
const RING = `k2:${NEW.toString('base64')},k1:${OLD.toString('base64')}`;
const NEW_ONLY = new NoteCipher([{ id: 'k2', key: NEW }]);

async function inPool<T, R>(items: readonly T[], size: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

function caseDraft(i: number): Omit<Case, 'code'> {
  const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  return {
    id: randomUUID(),
    status: i % 4 === 0 ? 'closed' : 'delivered',
    createdAt: at,
    updatedAt: at,
    note: { formId: 'incident-note', formVersion: 1, answers: { observations: `Observation ${i}: man i röd jacka, rum ${200 + (i % 50)}`, persons_count: String(i % 5) }, urgency: (['P1', 'P2', 'P3'] as const)[i % 3]!, category: 'other' },
    reporter: { userId: `29:reporter-${i}`, aadObjectId: `aad-${i}`, conversationRef: { conversation: { id: `a:chat-${i}` } }, locale: i % 2 ? 'sv' : 'en' },
    history: [{ at, action: 'received', by: 'reporter' }],
    ...(i % 4 === 0 ? { outcome: { code: 'noAction' as const, reason: `closed ${i}` } } : {}),
  };
}

/** What the bot has stored: cases, drafts in bot state and hand-off questions, all sealed with the single old key. */
async function seed(store: JsonBlobStore, cases: number) {
  const caseStore = new BlobCaseStore(store, OLD_ONLY);
  // Each case sealed exactly as the store seals it (its code reserved up front: the code blobs are not sealed).
  const stored = await inPool(Array.from({ length: cases }, (_, i) => i), 50, (i) => caseStore.create(caseDraft(i), `K-${String(i).padStart(4, '0')}`));
  const state = new BlobBotStorage(store, OLD_ONLY);
  const drafts = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`msteams/bot/conversations/a:conv-${i}`, { intake: { answers: { observations: `draft ${i}` } } }]));
  await state.write(Object.fromEntries(Object.entries(drafts).map(([k, v]) => [k, { ...v }])));
  // Hand-offs left by the first version, sealed as it sealed them (the blob's id as associated data).
  const questions = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), question: `Vad gör jag om ${i}?` }));
  for (const q of questions) await store.put(`handoffs/${q.id}.json`, { sealed: OLD_ONLY.seal({ question: q.question }, q.id) }, { ifNoneMatch: '*' });
  await new KeySentinel(store, OLD_ONLY).check();
  return { cases: stored, drafts, questions };
}

/** Everything seeded opens with the new key alone (so it is under the new key) and equals what was stored: nothing lost, nothing changed. */
async function expectAllUnderNewKey(store: JsonBlobStore, seeded: Awaited<ReturnType<typeof seed>>) {
  expect(await store.list('cases/')).toHaveLength(seeded.cases.length);
  const newCases = new BlobCaseStore(store, NEW_ONLY);
  const reread = await inPool(seeded.cases, 32, async (c) => (await newCases.get(c.id))?.case);
  expect(reread).toEqual(seeded.cases);
  const state = await new BlobBotStorage(store, NEW_ONLY).read(Object.keys(seeded.drafts));
  for (const [key, value] of Object.entries(seeded.drafts)) expect(state[key]).toMatchObject(value);
  for (const q of seeded.questions) {
    const sealed = (await store.get<{ sealed: Sealed }>(`handoffs/${q.id}.json`))!.value.sealed;
    expect(NEW_ONLY.open<{ question: string }>(sealed, q.id).question).toBe(q.question);
  }
  expect(await new KeySentinel(store, NEW_ONLY).check()).toBe('current');
}

const summaryOf = (p: StartedProcess) => {
  const m = /keys:rotate: (\d+) re-sealed, (\d+) already current, (\d+) failed/.exec(p.output());
  return m ? { resealed: Number(m[1]), current: Number(m[2]), failed: Number(m[3]) } : undefined;
};

describe('keys:rotate', () => {
  it('re-seals 1,000 stored cases (and drafts, questions, the sentinel) under the new key, killed partway and run again, losing none', async () => {
    // Its own Azurite: thousands of requests must not queue ahead of other test files' requests on the shared one.
    const azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger });
    onTestFinished(() => azurite.stop());
    const containers = createBlobContainers(azurite.connectionString, 'rotate');
    await containers.data.createIfNotExists();
    const store = new JsonBlobStore(containers.data);
    const seeded = await seed(store, 1000);
    const total = 1000 + 20 + 20 + 1;
    const env = { APP_ENV: 'local', STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: 'rotate', NOTE_ENCRYPTION_KEYS: RING };

    // First run, one blob at a time, killed (SIGKILL: no clean-up of any kind) after 100 re-seals.
    const first = spawnScript('keys-rotate.ts', ['--concurrency', '1'], { ...env, LOG_LEVEL: 'debug' });
    let resealedSeen = 0;
    first.child.stderr?.on('data', (chunk: Buffer) => {
      resealedSeen += chunk.toString().split('"msg":"re-sealed"').length - 1;
      if (resealedSeen >= 100) first.child.kill('SIGKILL');
    });
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(summaryOf(first)).toBeUndefined();

    // Second run: the rest, skipping what the first one finished.
    const second = spawnScript('keys-rotate.ts', [], env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/^keys:rotate: \d+ re-sealed, \d+ already current, 0 failed \(newest key "k2"\)$/m);
    const summary = summaryOf(second)!;
    expect(summary.current).toBeGreaterThanOrEqual(100);
    expect(summary.current).toBeLessThan(total);
    expect(summary.resealed + summary.current).toBe(total);
    expect(summary.failed).toBe(0);
    await expectAllUnderNewKey(store, seeded);
    // No note text, names or ids of people in what it printed.
    expect(first.output() + second.output()).not.toMatch(/röd jacka|reporter-|aad-|a:chat|a:conv|Vad gör jag/);
  }, 180_000);

  it('works on the embedded Azurite of a local run (no connection string)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samverka-rotate-'));
    try {
      const open = async () => {
        const azurite = await startEmbeddedAzurite({ dir, port: 0, logger: silentLogger });
        const containers = createBlobContainers(azurite.connectionString, 'local-data');
        await containers.data.createIfNotExists();
        return { azurite, store: new JsonBlobStore(containers.data) };
      };
      const before = await open();
      const seeded = await seed(before.store, 10);
      await before.azurite.stop();

      const run = spawnScript('keys-rotate.ts', [], { APP_ENV: 'local', EMBEDDED_STORAGE_DIR: dir, STORAGE_CONTAINER: 'local-data', NOTE_ENCRYPTION_KEYS: RING });
      expect(await run.exited).toBe(0);
      expect(summaryOf(run)).toEqual({ resealed: 10 + 20 + 20 + 1, current: 0, failed: 0 });

      const after = await open();
      try {
        await expectAllUnderNewKey(after.store, seeded);
      } finally {
        await after.azurite.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('never overwrites a case the bot changed meanwhile: the write is refused by its ETag and that case is re-sealed again from the fresh copy', async () => {
    const c = await freshContainers('rotate-race');
    const plain = new JsonBlobStore(c.data);
    const seeded = await seed(plain, 10);
    const target = seeded.cases[3]!;
    // An instance still on the old key acknowledges the case between the rotation's read and its write.
    const bot = new BlobCaseStore(plain, OLD_ONLY);
    let raced = false;
    class RacingStore extends JsonBlobStore {
      override async put<T>(name: string, value: T, condition: WriteCondition = {}): Promise<string> {
        if (!raced && name === `cases/${target.id}.json` && condition.ifMatch) {
          raced = true;
          const found = (await bot.get(target.id))!;
          await bot.update({ ...found.case, status: 'acknowledged', history: [...found.case.history, { at: '2026-02-01T00:00:00.000Z', action: 'acknowledged', by: 'coordinator' }] }, found.etag);
        }
        return super.put(name, value, condition);
      }
    }
    const summary = await rotateKeys(new RacingStore(c.data), new NoteCipher([{ id: 'k2', key: NEW }, { key: OLD }]), { logger: silentLogger, concurrency: 4 });
    expect(raced).toBe(true);
    expect(summary).toEqual({ resealed: 10 + 20 + 20 + 1, current: 0, failed: 0, gone: 0 });
    const after = (await new BlobCaseStore(plain, NEW_ONLY).get(target.id))!.case;
    expect(after.status).toBe('acknowledged');
    expect(after.history.at(-1)).toMatchObject({ action: 'acknowledged' });
    expect(after.note).toEqual(target.note);
  });

  it('leaves a blob no configured key opens as it was, counts it as failed, and re-seals the rest', async () => {
    const c = await freshContainers('rotate-fail');
    const store = new JsonBlobStore(c.data);
    const seeded = await seed(store, 5);
    const foreign = await new BlobCaseStore(store, new NoteCipher([{ id: 'lost', key: Buffer.alloc(32, 99) }])).create(caseDraft(99));
    const name = `cases/${foreign.id}.json`;
    const before = await store.readText(name);
    const logged: Record<string, unknown>[] = [];
    const logger = { ...silentLogger, error: (_msg: string, fields?: Record<string, unknown>) => void logged.push(fields ?? {}) };
    const summary = await rotateKeys(store, new NoteCipher([{ id: 'k2', key: NEW }, { key: OLD }]), { logger });
    expect(summary).toEqual({ resealed: 5 + 20 + 20 + 1, current: 0, failed: 1, gone: 0 });
    expect(await store.readText(name)).toBe(before);
    expect(logged).toEqual([expect.objectContaining({ kind: 'cases/', id: foreign.id, code: 'STORAGE_CORRUPT' })]);
    expect(await new BlobCaseStore(store, NEW_ONLY).get(seeded.cases[0]!.id)).toBeDefined();
  });
});
