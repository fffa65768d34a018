import type { Clock } from '../clock';
import { isAppError } from '../errors';
import type { Logger } from '../log';
import type { Case, CaseRouting } from './case';
import type { CaseStore } from './case-store';
import { DeliveryError, type Deliverer } from './deliverer';
import { DEFAULT_OUTBOX_POLICY, isExhausted, nextAttemptAt, type OutboxClaim, type OutboxItem, type OutboxPolicy, type OutboxStore } from './outbox';
import { DEFAULT_ESCALATION_POLICY, escalationDue, type EscalationPolicy } from './escalation';
import type { CaseIndex, CaseSummary } from './case-index';
import type { JobLock } from './job-lock';
import { isPastRetention } from './retention';

/** Where the counts of deleted cases are kept. */
export interface StatisticsStore {
  add(summary: CaseSummary): Promise<void>;
}
import { chooseRoute, firstTarget, isOfficeHours, type RoutingDirectory } from './routing-directory';
import type { TargetLinkStore } from './target-links';

export interface ForwardingDeps {
  readonly directory: RoutingDirectory;
  readonly timeZone: string;
  readonly cases: CaseStore;
  readonly outbox: OutboxStore;
  readonly links: TargetLinkStore;
  readonly deliverer: Deliverer;
  /** The coordinator's card for a case (built at the edge, where the translations are). */
  readonly caseCard: (c: Case) => unknown;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy?: OutboxPolicy;
  readonly escalation?: EscalationPolicy;
  /** The open-case index behind coordinator views; kept in step with every case write. */
  readonly index?: CaseIndex;
  readonly lock?: JobLock;
  /** Tell the administrators that a delivery waits for an unlinked target, or was given up. */
  readonly notifyAdmins?: (problem: 'unlinked' | 'dead', item: OutboxItem, c: Case | undefined) => Promise<void>;
}

/** An outbox item whose case never got written (the submit failed after queueing) is dropped after this. */
const ORPHAN_AFTER_MS = 10 * 60_000;
const UNLINKED_RETRY_MS = 60_000;

export interface DispatchResult {
  delivered: number;
  retried: number;
  dead: number;
}

/**
 * Forwarding: a submitted note is routed, queued for delivery and stored as a case, and the outbox
 * is worked until every card has reached its target. Delivery is at least once with an idempotency
 * record (the posted activity id is saved before the item completes), so a retry never posts twice.
 */
export class ForwardingService {
  private readonly policy: OutboxPolicy;

  constructor(private readonly deps: ForwardingDeps) {
    this.policy = deps.policy ?? DEFAULT_OUTBOX_POLICY;
  }

  routingFor(c: Pick<Case, 'note'>, at: Date): CaseRouting {
    const d = this.deps.directory;
    const route = chooseRoute(d, d.defaultMunicipality, c.note.category, c.note.urgency);
    const first = firstTarget(route, c.note.urgency, isOfficeHours(d, at, this.deps.timeZone));
    return { municipality: d.defaultMunicipality, primary: route.primary, deputy: route.deputy, next: route.next, ...(route.outOfHours ? { outOfHours: route.outOfHours } : {}), targets: [first] };
  }

  /**
   * Queue the delivery first, then store the case: if storing fails the turn fails, the reporter's
   * draft is kept, and the retry (same case id) finds the same outbox item. Idempotent.
   */
  async submit(draft: Omit<Case, 'code' | 'routing'>): Promise<Case> {
    const now = this.deps.clock.now();
    const routing = this.routingFor(draft, now);
    const target = routing.targets[0]!;
    await this.deps.outbox.add({
      id: `${draft.id}.${target}`,
      caseId: draft.id,
      targetId: target,
      createdAt: now.toISOString(),
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      status: 'pending',
    });
    const stored = await this.deps.cases.create({ ...draft, routing });
    await this.deps.index?.put(stored);
    return stored;
  }

  /** Work every due outbox item once. */
  async dispatchDue(): Promise<DispatchResult> {
    const result: DispatchResult = { delivered: 0, retried: 0, dead: 0 };
    for (const item of await this.deps.outbox.due(this.deps.clock.now())) {
      const claim = await this.deps.outbox.claim(item.id);
      if (!claim) continue; // another instance is on it
      try {
        const outcome = await this.deliver(claim);
        result[outcome]++;
      } finally {
        await claim.release();
      }
    }
    return result;
  }

  private async deliver(claim: OutboxClaim): Promise<keyof DispatchResult> {
    const { item } = claim;
    const log = this.deps.logger.child({ outboxId: item.id, caseId: item.caseId, targetId: item.targetId });
    const now = this.deps.clock.now();
    const found = await this.deps.cases.get(item.caseId);
    if (!found) {
      if (now.getTime() - Date.parse(item.createdAt) > ORPHAN_AFTER_MS) {
        log.warn('outbox item without a case dropped (its submit never completed)');
        await this.deps.outbox.complete(claim);
        return 'dead';
      }
      return this.retry(claim, 'CASE_NOT_YET_STORED', undefined, log);
    }
    const link = await this.deps.links.get(item.targetId);
    if (!link) {
      // Never dropped: it waits (visible in the outbox and to the administrators) until someone links the target.
      log.warn('target not linked; delivery waits', { attempts: item.attempts });
      const first = item.lastError !== 'TARGET_NOT_LINKED';
      await this.deps.outbox.update(claim, { ...item, nextAttemptAt: new Date(now.getTime() + UNLINKED_RETRY_MS).toISOString(), lastError: 'TARGET_NOT_LINKED' });
      if (first) await this.tellAdmins('unlinked', item, found.case, log);
      return 'retried';
    }
    let activityId = item.sentActivityId;
    if (!activityId) {
      try {
        activityId = (await this.deps.deliverer.sendCard(link.conversationRef, this.deps.caseCard(found.case))).activityId;
      } catch (err) {
        if (err instanceof DeliveryError) return this.retry(claim, err.code, err, log);
        throw err;
      }
      // The idempotency record: from here on a retry only finishes the bookkeeping.
      await this.deps.outbox.update(claim, { ...item, sentActivityId: activityId });
    }
    await this.recordDelivery(item, activityId);
    await this.deps.outbox.complete(claim);
    log.info('case card delivered', { attempts: item.attempts + 1 });
    return 'delivered';
  }

  private async retry(claim: OutboxClaim, code: string, err: DeliveryError | undefined, log: Logger): Promise<keyof DispatchResult> {
    const attempts = claim.item.attempts + 1;
    if ((err && !err.retryable) || isExhausted(attempts, this.policy)) {
      log.error('delivery dead-lettered', { code, attempts });
      await this.deps.outbox.update(claim, { ...claim.item, attempts, status: 'dead', lastError: code });
      await this.tellAdmins('dead', claim.item, (await this.deps.cases.get(claim.item.caseId))?.case, log);
      return 'dead';
    }
    const next = nextAttemptAt(attempts, this.deps.clock.now(), { policy: this.policy, ...(err?.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) });
    log.warn('delivery will be retried', { code, attempts, retryAt: next.toISOString() });
    await this.deps.outbox.update(claim, { ...claim.item, attempts, nextAttemptAt: next.toISOString(), lastError: code });
    return 'retried';
  }

  private async recordDelivery(item: OutboxItem, activityId: string): Promise<void> {
    await this.updateCase(item.caseId, (c) => {
      if (c.deliveries?.some((d) => d.activityId === activityId)) return undefined;
      const at = this.deps.clock.now().toISOString();
      return {
        ...c,
        status: c.status === 'received' ? 'delivered' : c.status,
        updatedAt: at,
        deliveries: [...(c.deliveries ?? []), { targetId: item.targetId, activityId, at }],
        history: [...c.history, { at, action: 'delivered', by: 'system' }],
      };
    });
  }

  private async tellAdmins(problem: 'unlinked' | 'dead', item: OutboxItem, c: Case | undefined, log: Logger): Promise<void> {
    try {
      await this.deps.notifyAdmins?.(problem, item, c);
    } catch (err) {
      // The item stays visible in the outbox either way; a failed notice must not block it.
      log.warn('administrators could not be told', { problem, errName: (err as Error).name });
    }
  }

  /**
   * Send every unacknowledged case whose deadline has passed to the next person on its ladder.
   * One instance at a time (a job lock); each step is written with the case's ETag, so a deadline
   * escalates once however many instances run. Returns the number of escalations made.
   */
  async escalateDue(): Promise<number> {
    const lock = await this.deps.lock?.tryLock('escalation');
    if (this.deps.lock && !lock) return 0;
    const policy = this.deps.escalation ?? DEFAULT_ESCALATION_POLICY;
    let count = 0;
    try {
      for (const waiting of await this.deps.cases.listAwaiting()) {
        const now = this.deps.clock.now();
        if (!escalationDue(waiting, now, policy, this.deps.directory, this.deps.timeZone)) continue;
        let to: string | undefined;
        const updated = await this.updateCase(waiting.id, (c) => {
          const due = escalationDue(c, now, policy, this.deps.directory, this.deps.timeZone);
          if (!due || !c.routing) return undefined;
          to = due.to;
          const at = now.toISOString();
          return { ...c, updatedAt: at, routing: { ...c.routing, targets: [...c.routing.targets, due.to] }, history: [...c.history, { at, action: 'escalated', by: 'system' }] };
        });
        if (!updated || !to) continue;
        await this.deps.outbox.add({ id: `${updated.id}.${to}`, caseId: updated.id, targetId: to, createdAt: now.toISOString(), attempts: 0, nextAttemptAt: now.toISOString(), status: 'pending' });
        this.deps.logger.info('case escalated', { caseId: updated.id, to, level: updated.routing?.targets.length ?? 0 });
        count++;
      }
    } finally {
      await lock?.release();
    }
    return count;
  }

  /**
   * Retention: delete cases closed or withdrawn more than `retentionDays` ago, keeping only monthly
   * counts (`statistics`). One instance at a time. Returns how many were deleted.
   */
  async applyRetention(retentionDays: number, statistics: StatisticsStore): Promise<number> {
    if (retentionDays <= 0) return 0;
    const lock = await this.deps.lock?.tryLock('retention');
    if (this.deps.lock && !lock) return 0;
    let count = 0;
    try {
      const now = this.deps.clock.now();
      for (const s of await this.deps.cases.summaries()) {
        if (!isPastRetention(s, now, retentionDays)) continue;
        if (!(await this.deps.cases.remove(s.id, s.code, s.updatedAt))) continue;
        await statistics.add(s);
        count++;
      }
      if (count > 0) this.deps.logger.info('retention applied', { deleted: count, retentionDays });
    } finally {
      await lock?.release();
    }
    return count;
  }

  /** Make every delivery waiting for `targetId` due now (it was just linked). */
  async retryWaitingFor(targetId: string): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    for (const item of await this.deps.outbox.pending()) {
      if (item.targetId !== targetId) continue;
      const claim = await this.deps.outbox.claim(item.id);
      if (!claim) continue;
      try {
        await this.deps.outbox.update(claim, { ...claim.item, nextAttemptAt: now });
      } finally {
        await claim.release();
      }
    }
  }

  /** Show the case as it is now on every card posted for it. */
  async refreshCards(c: Case): Promise<void> {
    for (const d of c.deliveries ?? []) {
      const link = await this.deps.links.get(d.targetId);
      if (!link) continue;
      try {
        await this.deps.deliverer.updateCard(link.conversationRef, d.activityId, this.deps.caseCard(c));
      } catch (err) {
        this.deps.logger.warn('case card could not be updated', { caseId: c.id, errName: (err as Error).name });
      }
    }
  }

  /** Read-modify-write with the ETag, retried when someone else changed the case in between. */
  async updateCase(caseId: string, change: (c: Case) => Case | undefined): Promise<Case | undefined> {
    for (let attempt = 1; ; attempt++) {
      const found = await this.deps.cases.get(caseId);
      if (!found) return undefined;
      const next = change(found.case);
      if (!next) return found.case;
      try {
        await this.deps.cases.update(next, found.etag);
        await this.deps.index?.put(next);
        return next;
      } catch (err) {
        if (!isAppError(err, 'STORAGE_CONFLICT') || attempt >= 5) throw err;
      }
    }
  }
}
