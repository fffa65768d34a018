import type { Deliverer } from '../../src/forwarding/deliverer';
import { ForwardingService, type DeliveryOutcome, type ForwardingDeps } from '../../src/forwarding/forwarding-service';
import type { OutboxStore } from '../../src/forwarding/outbox';
import { loadRoutingDirectory } from '../../src/forwarding/routing-directory';
import { silentLogger } from '../../src/log';
import { PROJECT_ROOT } from '../../src/paths';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { BlobJobLock } from '../../src/storage/blob-job-lock';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { caseIndexOn, freshContainers, outboxOn } from './azurite';

export const DEMO_DIRECTORY = loadRoutingDirectory(`${PROJECT_ROOT}/src/forwarding/directories/playground-demo.yaml`);

/** A clock that moves only when the test says so (no sleeping). */
export function testClock(start: Date) {
  return {
    t: start,
    now() {
      return this.t;
    },
    advance(ms: number) {
      this.t = new Date(this.t.getTime() + ms);
    },
  };
}

/** A Deliverer that accepts everything (Teams' connector cannot run here). */
export const ACCEPTING_DELIVERER: Deliverer = { sendCard: async () => ({ activityId: 'a' }), sendText: async () => undefined, updateCard: async () => undefined };

/**
 * ForwardingService on a fresh container of the test Azurite, with the demo directory, real blob
 * stores and a test clock. `newService()` builds another instance on the same storage (a second bot).
 */
export async function forwardingOnAzurite(prefix: string, start: Date, overrides: Partial<ForwardingDeps> = {}) {
  const containers = await freshContainers(prefix);
  const store = new JsonBlobStore(containers.data);
  const cases = new BlobCaseStore(store, new NoteCipher(Buffer.alloc(32, 5)));
  const clock = testClock(start);
  const outbox = outboxOn(containers, 2);
  const index = caseIndexOn(containers);
  const newService = () =>
    new ForwardingService({
      directory: DEMO_DIRECTORY,
      timeZone: 'Europe/Stockholm',
      cases,
      outbox,
      index,
      holdMs: 2_000,
      links: new BlobTargetLinkStore(store),
      deliverer: ACCEPTING_DELIVERER,
      caseCard: () => ({}),
      clock,
      logger: silentLogger,
      lock: new BlobJobLock(store),
      ...overrides,
    });
  return { containers, store, cases, clock, outbox, index, service: newService(), newService };
}

/**
 * Work the outbox until nothing is due (the queue hands out nothing): what one instance's worker
 * does, without its timers. Returns the outcomes in order.
 */
export async function drainOutbox(outbox: OutboxStore, service: ForwardingService): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (;;) {
    const held = await outbox.receive(32);
    if (held.length === 0) return outcomes;
    for (const h of held) outcomes.push(await service.deliver(h));
  }
}
