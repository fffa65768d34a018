/**
 * `npm run bench`: performance, measured here and never asserted in tests.
 * Each figure is printed with its ratio to a baseline measured in the same run on the same data,
 * so a slow machine shows up in both and the ratio stays meaningful.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { selectCases } from '../src/forwarding/case-index';
import { silentLogger } from '../src/log';
import { TableCaseIndex } from '../src/storage/table-case-index';
import { BlobCaseStore } from '../src/storage/blob-case-store';
import { caseIndexTables, createBlobContainers } from '../src/storage/blob-container';
import { startEmbeddedAzurite } from '../src/storage/embedded-azurite';
import { JsonBlobStore } from '../src/storage/json-blob-store';
import { NoteCipher } from '../src/storage/note-cipher';
import { MEGAN_AAD, storeManyCases } from '../test/support/many-cases';
import { knowledgeBenchmarks } from './knowledge';
import { forwardingBenchmarks } from './load';

interface Stats {
  median: number;
  p95: number;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const line = (name: string, s: Stats, base: Stats, budget?: number) =>
  `${name.padEnd(34)} median ${fmt(s.median).padStart(10)}  p95 ${fmt(s.p95).padStart(10)}  ×${(s.median / base.median).toPrecision(2)} baseline${budget ? `  (budget ${budget} ms: ${s.p95 <= budget ? 'ok' : 'OVER'})` : ''}`;

/** Median and p95 of `runs` calls after three warm-up calls, for storage round trips. */
async function measureAsync(runs: number, fn: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0 };
}

/** `my cases` with 1,000 stored cases on a real (in-memory) Azurite, against scanning every case blob. */
async function caseViews(): Promise<void> {
  const azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger });
  try {
    const containers = createBlobContainers(azurite.connectionString, 'bench');
    await containers.data.createIfNotExists();
    const store = new JsonBlobStore(containers.data);
    const cases = new BlobCaseStore(store, new NoteCipher(randomBytes(32)));
    const index = new TableCaseIndex(caseIndexTables(azurite.connectionString, 'bench'));
    await storeManyCases(cases, index, 1000, 60);
    const viewer = { aadObjectId: MEGAN_AAD, targets: ['demo-coordinators'] };
    const fromIndex = await measureAsync(30, async () => selectCases(await index.open(), 'mine', viewer, () => false));
    const scanAll = await measureAsync(5, async () => {
      const all = await Promise.all((await store.list('cases/')).map((n) => store.get(n)));
      return all.length;
    });
    process.stdout.write(`${line('cases: "my cases" (1,000 stored)', fromIndex, scanAll)}   baseline: reading every case blob\n`);
  } finally {
    await azurite.stop();
  }
}

knowledgeBenchmarks({ quick: process.argv.includes('--quick') });
caseViews()
  .then(() => forwardingBenchmarks({ quick: process.argv.includes('--quick') }))
  .catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
