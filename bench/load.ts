/**
 * Load, soak and cost benchmarks for forwarding (part of `npm run bench`). Real bot processes, a
 * real Azurite, and a loopback stand-in for Teams' connector (the sink) that records every
 * activity the bots post. Every figure is printed beside a baseline measured in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TableTransaction } from '@azure/data-tables';
import type { Case } from '../src/forwarding/case';
import { summaryOf } from '../src/forwarding/case-index';
import { ForwardingService } from '../src/forwarding/forwarding-service';
import { loadRoutingDirectory } from '../src/forwarding/routing-directory';
import { silentLogger } from '../src/log';
import { PROJECT_ROOT } from '../src/paths';
import { BlobCaseStore } from '../src/storage/blob-case-store';
import { caseIndexTables, createBlobContainers, createQueueService } from '../src/storage/blob-container';
import { BlobTargetLinkStore } from '../src/storage/blob-target-link-store';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../src/storage/embedded-azurite';
import { JsonBlobStore } from '../src/storage/json-blob-store';
import { NoteCipher } from '../src/storage/note-cipher';
import { QueueOutboxStore } from '../src/storage/queue-outbox-store';
import { closedRow, TableCaseIndex } from '../src/storage/table-case-index';

const KEY = randomBytes(32);
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const TARGETS = ['demo-coordinators', 'demo-deputy', 'region-coordinator', 'demo-out-of-hours'];
const CONVERSATIONS = 50;
const TURNS = 40;
const out = (s: string) => process.stdout.write(`${s}\n`);

// --- the sink: Teams' connector on loopback -------------------------------------------------------

interface SinkPost {
  id: string;
  conversationId: string;
  at: number;
  text: string;
  json: string;
}

interface Sink {
  url: string;
  posts: SinkPost[];
  /** Delay (ms) before answering posts to a conversation (a slow channel). */
  slow: Map<string, number>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const posts: SinkPost[] = [];
  const slow = new Map<string, number>();
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const conversationId = decodeURIComponent(m[1]!);
      const id = `sink-${++n}`;
      const answer = () => res.writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      if (req.method === 'POST') {
        const activity = JSON.parse(body) as { text?: string; type?: string };
        if (activity.type === 'message') posts.push({ id, conversationId, at: performance.now(), text: activity.text ?? '', json: body });
      }
      const delay = slow.get(conversationId) ?? 0;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    posts,
    slow,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// --- bot processes ----------------------------------------------------------------------------------

interface BotProcess {
  url: string;
  output(): string;
  child: ChildProcess;
  rssMb(): number;
  stop(): Promise<void>;
}

async function startProcess(script: string, env: Record<string, string>): Promise<BotProcess> {
  // Both bots as `npm start` runs them (--expose-gc lets an idle process give its memory back).
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(PROJECT_ROOT, script)], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', APP_ENV: 'local', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', NOTE_ENCRYPTION_KEY: KEY.toString('base64'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${output.slice(-500)}`)), 30_000);
    const onData = (c: Buffer) => {
      output = (output + c.toString()).slice(-200_000);
      const m = /"port":(\d+),"host"[^\n]*"msg":"listening"/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${output.slice(-500)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    output: () => output,
    child,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

// --- traffic ----------------------------------------------------------------------------------------

type Kind = 'question' | 'reportStep' | 'submit' | 'coordinator' | 'other' | 'noReceipt';

interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

function activity(sink: Sink, conversationId: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: sink.url,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    from: { id: `user-${conversationId}`, aadObjectId: '00000000-0000-0000-0000-0000000000099' },
    recipient: { id: 'bot-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  };
}

async function post(url: string, body: Record<string, unknown>): Promise<{ ok: boolean; ms: number; text: string }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { ok: res.status >= 200 && res.status < 300, ms: performance.now() - t0, text };
  } catch {
    return { ok: false, ms: performance.now() - t0, text: '' };
  }
}

const FORM_VALUES = {
  immediate_danger: 'no', possible_minor: 'no', ongoing: 'no', site_area: 'room', observed_from__date: '2026-11-20', observed_from__time: '22:00', how_known: 'saw_myself',
  persons_role: 'unknown', persons_count: '2', observations: 'Frequent short visits to one room.', indicators: 'many_visitors', actions_taken: 'informed_manager', reporter_role: 'reception',
};
const P1_VALUES = {
  immediate_danger: 'yes', emergency_call_made: 'yes', possible_minor: 'no', ongoing: 'no', site_area: 'room', observed_from__date: '2026-11-20', observed_from__time: '22:00',
  how_known: 'saw_myself', persons_role: 'unknown', persons_count: '1', observations: 'Screams from a room.', actions_taken: 'called_112', reporter_role: 'night_staff',
};
const QUESTIONS = [
  'What do I do if the guest may be under 18?',
  'Hur tipsar jag polisen om något som inte är akut?',
  'Which signs of sex trade can hotel staff see?',
  'Vad gör jag om någon är i fara just nu?',
  'Ska jag prata med gästen som jag misstänker?',
];

async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined || performance.now() > until) return found;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every error text a user could be shown, in both languages (from the locale files). */
function apologies(): string[] {
  return ['sv', 'en'].flatMap((lng) => Object.values((JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'locales', lng, 'common.json'), 'utf8')) as { error: Record<string, string> }).error));
}

/**
 * One conversation's 40 turns: questions, a guided report (typed steps, then cancelled), the
 * one-card form and its submit, the coordinator acknowledging and taking the case on the card,
 * `status`, `help`. Turns go to a random instance (a load balancer without affinity).
 */
async function conversation(i: number, urls: readonly string[], sink: Sink, samples: Sample[], cardLatency: number[], echo: boolean): Promise<void> {
  const conv = `load-${i}-${randomUUID().slice(0, 8)}`;
  const pick = () => urls[Math.floor(Math.random() * urls.length)]!;
  const turn = async (kind: Kind, extra: Record<string, unknown>) => {
    const r = await post(pick(), activity(sink, conv, extra));
    samples.push({ kind, ms: r.ms, ok: r.ok });
    return r;
  };
  const say = (kind: Kind, text: string) => turn(kind, { text, textFormat: 'plain' });
  for (let cycle = 0; cycle < TURNS / 20; cycle++) {
    await say('question', QUESTIONS[(i + cycle) % QUESTIONS.length]!);
    await say('question', QUESTIONS[(i + cycle + 1) % QUESTIONS.length]!);
    for (const text of ['report', 'no', 'no', '1', 'cancel', 'yes']) await say('reportStep', text);
    const since = sink.posts.length;
    await say('reportStep', 'quick form');
    const token = echo ? randomUUID() : /"token":"([0-9a-f-]{36})"/.exec(sink.posts.slice(since).find((p) => p.conversationId === conv && p.json.includes('"token"'))?.json ?? '')?.[1];
    const submittedAt = performance.now();
    const submitted = sink.posts.length;
    await turn('submit', { value: { verb: 'intake.form', practice: false, token, ...FORM_VALUES }, replyToId: 'card-1' });
    const code = echo ? undefined : /K-[2-9A-HJKMNP-Z]{4}/.exec(sink.posts.slice(submitted).find((p) => p.conversationId === conv && /K-[2-9A-HJKMNP-Z]{4}/.test(p.text))?.text ?? '')?.[0];
    // A submit that answers 200 but gives no case code failed for the reporter.
    if (!echo && !code) samples.push({ kind: 'noReceipt', ms: 0, ok: false });
    await say('question', QUESTIONS[(i + cycle + 2) % QUESTIONS.length]!);
    // The coordinator acts on the card once it has arrived (measured: submit → card at the connector).
    const card = code ? await waitFor(() => sink.posts.find((p) => p.conversationId.startsWith('19:') && p.json.includes(code)), 30_000) : undefined;
    if (card) cardLatency.push(card.at - submittedAt);
    const caseId = card ? /"caseId":"([0-9a-f-]{36})"/.exec(card.json)?.[1] : randomUUID();
    // As Teams sends it: the press on a channel post comes in that post's thread, replying to the card.
    const thread = `19:coordinators@thread.tacv2;messageid=${card?.id ?? 'x'}`;
    for (const verb of ['case.acknowledge', 'case.take']) {
      const r = await post(pick(), {
        ...activity(sink, thread, {}),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: card?.id ?? 'x',
        conversation: { id: thread, conversationType: 'channel', tenantId: 'tenant-1' },
        channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:coordinators@thread.tacv2' } },
        from: { id: 'megan', aadObjectId: MEGAN },
        value: { action: { type: 'Action.Execute', verb, data: { caseId } }, trigger: 'manual' },
      });
      samples.push({ kind: 'coordinator', ms: r.ms, ok: r.ok });
    }
    await say('other', `status ${code ?? 'K-2222'}`);
    await say('question', QUESTIONS[(i + cycle + 3) % QUESTIONS.length]!);
    await say('question', QUESTIONS[(i + cycle + 4) % QUESTIONS.length]!);
    await say('other', 'help');
    for (let q = 0; q < 3; q++) await say('question', QUESTIONS[(i + cycle + q) % QUESTIONS.length]!);
  }
}

function pct(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

interface RunResult {
  samples: Sample[];
  cardLatency: number[];
  seconds: number;
  userErrors: number;
  rss: { warm: number; after: number; idle?: number };
}

async function azuriteContainer(azurite: EmbeddedAzurite, name: string, sink: Sink): Promise<Record<string, string>> {
  const containers = createBlobContainers(azurite.connectionString, name);
  await containers.data.createIfNotExists();
  const links = new BlobTargetLinkStore(new JsonBlobStore(containers.data));
  for (const targetId of TARGETS) {
    const id = targetId === 'demo-coordinators' ? '19:coordinators@thread.tacv2' : `19:${targetId}@thread.tacv2`;
    await links.set({ targetId, conversationRef: { channelId: 'msteams', serviceUrl: sink.url, conversation: { id, conversationType: 'channel' }, bot: { id: 'bot-1' } }, linkedBy: 'bench', linkedAt: new Date().toISOString() });
  }
  return { STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: name, OUTBOX_POLL_MS: '200' };
}

export async function mixedRun(azurite: EmbeddedAzurite, script: string, instances: number, idle: boolean): Promise<RunResult> {
  const sink = await startSink();
  const env = await azuriteContainer(azurite, `load-${randomUUID().slice(0, 8)}`, sink);
  const bots = await Promise.all(Array.from({ length: instances }, () => startProcess(script, env)));
  const urls = bots.map((b) => b.url);
  const echo = script.includes('echo');
  try {
    // Warm-up: every conversation asks a couple of questions (JIT, connection pools, storage).
    await Promise.all(Array.from({ length: CONVERSATIONS }, async (_, i) => {
      for (const q of QUESTIONS.slice(0, 2)) await post(urls[i % urls.length]!, activity(sink, `warm-${i}`, { text: q, textFormat: 'plain' }));
    }));
    const warm = Math.max(...bots.map((b) => b.rssMb()));
    const samples: Sample[] = [];
    const cardLatency: number[] = [];
    const before = sink.posts.length;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => conversation(i, urls, sink, samples, cardLatency, echo)));
    const seconds = (performance.now() - t0) / 1000;
    const after = Math.max(...bots.map((b) => b.rssMb()));
    let idleRss: number | undefined;
    if (idle) {
      await new Promise((r) => setTimeout(r, 60_000));
      idleRss = Math.max(...bots.map((b) => b.rssMb()));
    }
    const errors = new Set(apologies());
    const userErrors = sink.posts.slice(before).filter((p) => errors.has(p.text)).length;
    if (process.env.BENCH_DEBUG) {
      for (const b of bots) process.stderr.write(`${b.output().split('\n').filter((l) => l.includes('"msg":"memory"')).slice(-3).join('\n')}\n`);
      process.stderr.write(`${JSON.stringify(sink.posts.slice(before).filter((p) => errors.has(p.text)).slice(0, 3).map((p) => [p.conversationId, p.text]))}\n`);
      process.stderr.write(`${JSON.stringify([...new Set(samples.filter((x) => !x.ok).map((x) => x.kind))])}\n`);
      for (const b of bots) process.stderr.write(`${b.output().split('\n').filter((l) => /"level":"(warn|error)"/.test(l)).slice(0, 5).join('\n')}\n`);
    }
    return { samples, cardLatency, seconds, userErrors, rss: { warm, after, ...(idleRss !== undefined ? { idle: idleRss } : {}) } };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await sink.close();
  }
}

function report(label: string, r: RunResult, base: RunResult): void {
  const kinds: Kind[] = ['question', 'reportStep', 'submit', 'coordinator', 'other'];
  const failed = r.samples.filter((s) => !s.ok && s.kind !== 'noReceipt').length;
  out(`  ${label}: ${r.samples.filter((s) => s.kind !== 'noReceipt').length} turns in ${r.seconds.toFixed(1)} s = ${(r.samples.length / r.seconds).toFixed(0)} turns/s (echo ${(base.samples.length / base.seconds).toFixed(0)}); HTTP errors ${failed}; error messages shown to users ${r.userErrors}`);
  for (const k of kinds) {
    const ms = r.samples.filter((s) => s.kind === k).map((s) => s.ms);
    const b = base.samples.filter((s) => s.kind === k).map((s) => s.ms);
    if (ms.length === 0) continue;
    out(`    ${k.padEnd(12)} n=${String(ms.length).padStart(4)}  p50 ${pct(ms, 0.5).toFixed(0).padStart(5)} ms  p95 ${pct(ms, 0.95).toFixed(0).padStart(5)} ms  p99 ${pct(ms, 0.99).toFixed(0).padStart(5)} ms   echo p99 ${pct(b, 0.99).toFixed(0).padStart(5)} ms  ratio ${(pct(ms, 0.99) / pct(b, 0.99)).toFixed(2)}`);
  }
  const noReceipt = r.samples.filter((s) => s.kind === 'noReceipt').length;
  if (noReceipt > 0) out(`    SUBMITS WITHOUT A RECEIPT: ${noReceipt} (the scripted form no longer matches the bot's?)`);
  if (r.cardLatency.length) out(`    submit → card at the connector: n=${r.cardLatency.length}  p50 ${pct(r.cardLatency, 0.5).toFixed(0)} ms  p99 ${pct(r.cardLatency, 0.99).toFixed(0)} ms`);
  else out('    submit → card at the connector: NO CARD ARRIVED');
  out(`    RSS: warm ${r.rss.warm.toFixed(0)} MB, after the run ${r.rss.after.toFixed(0)} MB${r.rss.idle !== undefined ? `, after a minute idle ${r.rss.idle.toFixed(0)} MB (${(((r.rss.idle - r.rss.warm) / r.rss.warm) * 100).toFixed(0)} % over warm)` : ''}`);
}

// --- 50 reporters at once, and a P1 behind them -----------------------------------------------------

async function burst(azurite: EmbeddedAzurite): Promise<void> {
  const sink = await startSink();
  const env = await azuriteContainer(azurite, `burst-${randomUUID().slice(0, 8)}`, sink);
  const bot = await startProcess('src/index.ts', env);
  try {
    const open = async (conv: string) => {
      const since = sink.posts.length;
      await post(bot.url, activity(sink, conv, { text: 'quick form', textFormat: 'plain' }));
      return /"token":"([0-9a-f-]{36})"/.exec(sink.posts.slice(since).find((p) => p.conversationId === conv && p.json.includes('"token"'))?.json ?? '')?.[1];
    };
    const submit = async (conv: string, token: string | undefined, values: Record<string, unknown>) => {
      const t0 = performance.now();
      const r = await post(bot.url, activity(sink, conv, { value: { verb: 'intake.form', practice: false, token, ...values }, replyToId: 'card-1' }));
      const code = /K-[2-9A-HJKMNP-Z]{4}/.exec(sink.posts.filter((p) => p.conversationId === conv).map((p) => p.text).join(' '))?.[0];
      return { t0, ms: r.ms, code };
    };
    const cardAt = (code: string | undefined) => (code ? sink.posts.find((p) => p.conversationId.startsWith('19:') && p.json.includes(code))?.at : undefined);

    // 50 reporters press "send" at the same moment.
    const convs = Array.from({ length: 50 }, (_, i) => `burst-${i}-${randomUUID().slice(0, 6)}`);
    const tokens = await Promise.all(convs.map(open));
    const sent = await Promise.all(convs.map((c, i) => submit(c, tokens[i], FORM_VALUES)));
    await waitFor(() => (sent.every((s) => cardAt(s.code) !== undefined) ? true : undefined), 60_000);
    const latency = sent.map((s) => (cardAt(s.code) ?? Infinity) - s.t0);
    out(`  50 reporters submitting at once: submit turn p50 ${pct(sent.map((s) => s.ms), 0.5).toFixed(0)} ms, p99 ${pct(sent.map((s) => s.ms), 0.99).toFixed(0)} ms; submit → card at the connector p50 ${pct(latency, 0.5).toFixed(0)} ms, p99 ${pct(latency, 0.99).toFixed(0)} ms; ${sent.filter((s) => !s.code).length} without a receipt`);

    // A slow coordinators' channel (200 ms a card) with 50 P3s queued: a P1 submitted behind them.
    for (const id of ['19:coordinators@thread.tacv2', '19:demo-out-of-hours@thread.tacv2']) sink.slow.set(id, 200);
    const convs2 = Array.from({ length: 51 }, (_, i) => `prio-${i}-${randomUUID().slice(0, 6)}`);
    const tokens2 = await Promise.all(convs2.map(open));
    const p3 = await Promise.all(convs2.slice(0, 50).map((c, i) => submit(c, tokens2[i], FORM_VALUES)));
    const p1 = await submit(convs2[50]!, tokens2[50], P1_VALUES);
    await waitFor(() => ([...p3, p1].every((s) => cardAt(s.code) !== undefined) ? true : undefined), 120_000);
    const p1At = cardAt(p1.code) ?? Infinity;
    const before = p3.filter((s) => (cardAt(s.code) ?? Infinity) < p1At).length;
    const waitingAtP1 = p3.filter((s) => (cardAt(s.code) ?? Infinity) > p1.t0).length;
    out(`  P1 behind 50 P3s on a slow channel: the P1 card arrived ${(p1At - p1.t0).toFixed(0)} ms after its submit, ahead of ${waitingAtP1 - before} of the ${waitingAtP1} P3 cards still undelivered at that moment (${before} already being sent: ${env.OUTBOX_CONCURRENCY ?? '8'} at a time)`);
  } finally {
    await bot.stop();
    await sink.close();
  }
}

// --- pass costs with 1,000 and 100,000 stored cases ------------------------------------------------

export async function passCost(): Promise<void> {
  const directory = loadRoutingDirectory(path.join(PROJECT_ROOT, 'src/forwarding/directories/playground-demo.yaml'));
  const results: string[] = [];
  const passes: Array<{ escalation: number; outboxPass: number; emptyPass: number }> = [];
  for (const total of [1_000, 100_000]) {
    // A fresh Azurite per size, so that one run's background work cannot slow the other.
    const azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger });
    const name = `cost-${total}-${randomUUID().slice(0, 6)}`;
    const containers = createBlobContainers(azurite.connectionString, name);
    await containers.data.createIfNotExists();
    const store = new JsonBlobStore(containers.data);
    const cases = new BlobCaseStore(store, new NoteCipher(KEY));
    const tables = caseIndexTables(azurite.connectionString, name);
    const index = new TableCaseIndex(tables);
    const outbox = new QueueOutboxStore(createQueueService(azurite.connectionString), name, store, 30);
    const now = new Date('2026-11-23T09:00:00Z');
    const t0 = performance.now();
    // History: closed cases (their blobs, and their rows in the closed partition, loaded in batches).
    // Open cases came in over the last hours; history was closed over the years before (one every
    // 30 minutes: 100,000 cases span about five years of months in the archive).
    const make = (i: number, open: boolean): Omit<Case, 'code'> => {
      const at = new Date(now.getTime() - (i + 1) * (open ? 60_000 : 30 * 60_000)).toISOString();
      return {
        id: randomUUID(), status: open ? 'delivered' : 'closed', createdAt: at, updatedAt: at,
        note: { formId: 'incident-note', formVersion: 1, answers: { observations: 'x' }, urgency: 'P3', category: 'other' },
        reporter: { userId: `r-${i}`, conversationRef: {}, locale: 'sv' },
        history: [{ at, action: 'received', by: 'reporter' }],
        routing: { municipality: 'demo', primary: 'demo-coordinators', deputy: 'demo-deputy', next: 'region-coordinator', targets: ['demo-coordinators'] },
      };
    };
    await tables.closed.createTable().catch(() => undefined);
    for (let start = 100; start < total; start += 500) {
      if (process.env.BENCH_DEBUG && start % 10_000 === 100) process.stderr.write(`  ${start} at ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      // History needs no code blobs (nobody types these codes). Case blobs are written for the first
      // BLOB_HISTORY cases only: Azurite's in-memory blob store slows down past some tens of thousands
      // of blobs, and no pass lists or reads a closed case's blob; the index rows are all written.
      const drafts = Array.from({ length: Math.min(500, total - start) }, (_, k) => ({ ...make(start + k, false), code: historyCode(start + k) }));
      const batch = start < BLOB_HISTORY ? await Promise.all(drafts.map(({ code, ...d }) => cases.create(d, code))) : drafts;
      // A transaction holds up to 100 rows of one partition (one month).
      const rows = batch.map((c) => closedRow(summaryOf(c)));
      for (const month of new Set(rows.map((r) => r.partitionKey))) {
        const ofMonth = rows.filter((r) => r.partitionKey === month);
        for (let b = 0; b < ofMonth.length; b += 100) {
          const tx = new TableTransaction();
          for (const row of ofMonth.slice(b, b + 100)) tx.createEntity(row);
          await tables.closed.submitTransaction(tx.actions);
        }
      }
    }
    if (process.env.BENCH_DEBUG) process.stderr.write(`history of ${total} loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    // Work: 100 open cases awaiting acknowledgement (none due yet) and 20 deliveries due.
    for (let i = 0; i < 100; i++) await index.put(await cases.create(make(i, true)));
    const loadSeconds = (performance.now() - t0) / 1000;
    const service = new ForwardingService({
      directory, timeZone: 'Europe/Stockholm', cases, outbox, index, links: new BlobTargetLinkStore(store),
      deliverer: { sendCard: async () => ({ activityId: 'a' }), sendText: async () => undefined, updateCard: async () => undefined },
      caseCard: () => ({}), clock: { now: () => now }, logger: silentLogger,
    });
    if (process.env.BENCH_DEBUG) process.stderr.write('work loaded\n');
    await timed(5, () => service.escalateDue()); // warm-up: the first passes on a fresh Azurite are slower
    const escalation = await timed(20, () => service.escalateDue());
    if (process.env.BENCH_DEBUG) process.stderr.write('escalation timed\n');
    // An outbox pass with 20 due: take them (most urgent first) and finish them.
    const outboxPass = await timed(5, async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => outbox.add({ id: `x${i}.demo-coordinators`, caseId: randomUUID(), targetId: 'demo-coordinators', urgency: 'P3', createdAt: now.toISOString(), attempts: 0 })));
      return undefined;
    }, async () => {
      for (let held = await outbox.receive(32); held.length > 0; held = await outbox.receive(32)) await Promise.all(held.map((h) => outbox.complete(h)));
    });
    const emptyPass = await timed(20, () => outbox.receive(32));
    await azurite.stop();
    passes.push({ escalation, outboxPass, emptyPass });
    results.push(`    ${String(total).padStart(7)} stored: escalation pass ${escalation.toFixed(1)} ms · outbox pass, 20 due ${outboxPass.toFixed(1)} ms · outbox pass, nothing due ${emptyPass.toFixed(1)} ms   (loaded in ${loadSeconds.toFixed(0)} s)`);
  }
  out(`  pass cost by stored history (median of repeated passes; 100 open cases, 20 due deliveries in both; closed cases: index rows for all, case blobs for the first ${BLOB_HISTORY.toLocaleString('en')}):`);
  for (const r of results) out(r);
  const [small, large] = passes as [(typeof passes)[0], (typeof passes)[0]];
  const ratio = (k: keyof (typeof passes)[0]) => (large[k] / small[k]).toFixed(2);
  out(`    ratio 100,000 / 1,000: escalation ${ratio('escalation')} · outbox, 20 due ${ratio('outboxPass')} · outbox, nothing due ${ratio('emptyPass')}   (1.00 = the same cost; a pass that read history would be ~100)`);
}

/** Closed cases whose blobs the cost benchmark writes (all have index rows). */
const BLOB_HISTORY = 10_000;
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** A distinct case code for the i-th history case (31^4 of them). */
function historyCode(i: number): string {
  let code = '';
  for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / CODE_ALPHABET.length)) code += CODE_ALPHABET[n % CODE_ALPHABET.length];
  return `K-${code}`;
}

async function timed(runs: number, fn: () => Promise<unknown>, measured?: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (measured) {
      await fn(); // set-up, not timed
      const t0 = performance.now();
      await measured();
      times.push(performance.now() - t0);
      continue;
    }
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return pct(times, 0.5);
}

export async function forwardingBenchmarks(options: { quick?: boolean } = {}): Promise<void> {
  const azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger });
  try {
    out('forwarding: load (50 conversations × 40 mixed turns; loopback connector; same Azurite)');
    const echo1 = await mixedRun(azurite, 'bench/echo-bot.ts', 1, !options.quick);
    const one = await mixedRun(azurite, 'src/index.ts', 1, !options.quick);
    report('one instance', one, echo1);
    if (echo1.rss.idle !== undefined) out(`    echo bot RSS: warm ${echo1.rss.warm.toFixed(0)} MB, after the run ${echo1.rss.after.toFixed(0)} MB, after a minute idle ${echo1.rss.idle.toFixed(0)} MB`);
    const echo2 = await mixedRun(azurite, 'bench/echo-bot.ts', 2, false);
    const two = await mixedRun(azurite, 'src/index.ts', 2, !options.quick);
    report('two instances', two, echo2);
    out('forwarding: bursts');
    await burst(azurite);
    // About three minutes, most of it loading the 100,000-case history; `--quick` leaves it out.
    if (!options.quick) {
      out('forwarding: cost proportional to work, not history');
      await passCost();
    }
  } finally {
    await azurite.stop();
  }
}
