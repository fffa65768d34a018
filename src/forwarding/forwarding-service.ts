import type { Clock } from '../clock';
import { isAppError } from '../errors';
import { errorFields, type Logger } from '../log';
import { retryOnConflict } from '../retry';
import { deliveryTargets, type Case, type CaseRouting } from './case';
import { transition } from './case-lifecycle';
import { mayShareWithRegional, type Consent } from './routing-rules';
import type { CaseStore } from './case-store';
import { DeliveryError, type Deliverer } from './deliverer';
import { DEFAULT_OUTBOX_POLICY, isExhausted, outboxItem, retryDelay, type HeldItem, type OutboxItem, type OutboxPolicy, type OutboxStore } from './outbox';
import { DEFAULT_ESCALATION_POLICY, deadlineFrom, escalationDue, type EscalationPolicy } from './escalation';
import { summaryOf, type CaseIndex, type CaseSummary } from './case-index';
import type { JobLock } from './job-lock';
import { isPastRetention } from './retention';
import { chooseRoute, firstTarget, isOfficeHours, regionalTargetOf, type RoutingDirectory } from './routing-directory';
import type { TargetLinkStore } from './target-links';

/** Where the counts of deleted cases are kept. */
export interface StatisticsStore {
  add(summary: CaseSummary): Promise<void>;
}

export interface CaseCardOptions {
  /** The card was posted again after a send whose outcome was lost: it says so. */
  readonly mayRepeat?: boolean;
  /** The target the card is for (a regional coordinator's card has no actions: the municipality is responsible). */
  readonly targetId?: string;
}

export interface ForwardingDeps {
  readonly directory: RoutingDirectory;
  readonly timeZone: string;
  readonly cases: CaseStore;
  readonly outbox: OutboxStore;
  readonly links: TargetLinkStore;
  readonly deliverer: Deliverer;
  /** The coordinator's card for a case (built at the edge, where the translations are). */
  readonly caseCard: (c: Case, options?: CaseCardOptions) => unknown;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy?: Partial<OutboxPolicy>;
  readonly escalation?: EscalationPolicy;
  /** The case index behind coordinator views, escalation and retention; kept in step with every case write. */
  readonly index: CaseIndex;
  readonly lock?: JobLock;
  /** How long an outbox hold lasts without renewal (a recovered send is recognised after this). */
  readonly holdMs?: number;
  /** Tell the administrators that a delivery waits for an unlinked target, or was given up. */
  readonly notifyAdmins?: (problem: 'unlinked' | 'dead', item: OutboxItem, c: Case | undefined) => Promise<void>;
}

/** An outbox item whose case never got written (the submit failed after queueing) is dropped after this. */
const ORPHAN_AFTER_MS = 10 * 60_000;
/** The case is being written by the submit right now: look again shortly (not a failed attempt). */
const CASE_NOT_YET_STORED_RETRY_MS = 1_000;
/** A message handed out this often without finishing (it kills its holder, say) is a dead letter. */
const POISON_DEQUEUE_COUNT = 100;
/** Throttled sends allowed per failed-attempt allowance (see `failed`). */
const THROTTLE_BUDGET = 10;
/** Cases checked at once by the escalation pass. */
const ESCALATION_CONCURRENCY = 8;
/** Retention deletes at most this many cases per pass (the next pass takes the rest). */
const RETENTION_BATCH = 500;
/** A closed case's tombstone in the open view is kept this long (late writes of older snapshots). */
const TOMBSTONE_MS = 24 * 3600_000;

export type DeliveryOutcome = 'delivered' | 'retried' | 'dead' | 'waiting' | 'skipped';

/**
 * Forwarding: a submitted note is routed, queued for delivery and stored as a case, and the outbox
 * is worked until every card has reached its target exactly once, as far as Teams allows:
 * - a send is marked on the case before it goes out and recorded (with Teams' activity id) right
 *   after, so a delivery is done once its record exists, and a second message for the same
 *   delivery finds the mark or the record and stops;
 * - the one window is a crash between Teams accepting the card and that record being written
 *   (one storage write). The item then comes back with its mark still on the case and is posted
 *   again as a card that says it may repeat an earlier one; both cards act on the one case.
 */
export class ForwardingService {
  readonly policy: OutboxPolicy;
  private readonly holdMs: number;

  constructor(private readonly deps: ForwardingDeps) {
    this.policy = { ...DEFAULT_OUTBOX_POLICY, ...deps.policy };
    this.holdMs = deps.holdMs ?? 30_000;
  }

  routingFor(c: Pick<Case, 'note' | 'origin'>, at: Date): CaseRouting {
    const d = this.deps.directory;
    // The note's municipality (its site's, or the one staff chose); an unknown one falls back to the default.
    const municipality = c.origin && d.municipalities[c.origin.municipality] ? c.origin.municipality : d.defaultMunicipality;
    const route = chooseRoute(d, municipality, c.note.category, c.note.urgency);
    const first = firstTarget(route, c.note.urgency, c.note.category, isOfficeHours(d, at, this.deps.timeZone));
    return { municipality, primary: route.primary, deputy: route.deputy, next: route.next, ...(route.outOfHours ? { outOfHours: route.outOfHours } : {}), targets: [first] };
  }

  /**
   * Queue the delivery first, then store the case: if storing fails the turn fails, the reporter's
   * draft is kept, and the retry (same case id) returns the same case; the second message it queues
   * for the same delivery is recognised when it is worked. An index failure here is logged, not
   * shown: the delivery writes the index again before it finishes.
   */
  async submit(draft: Omit<Case, 'code' | 'routing'>): Promise<Case> {
    const now = this.deps.clock.now();
    const routing = this.routingFor(draft, now);
    // Two round trips, not four: the delivery is queued while the code is reserved, and the case is
    // written while its index row is. A row whose case never got written (the submit failed and was
    // not retried) is dropped by the escalation check, which finds no case behind it.
    const [, code] = await Promise.all([this.deps.outbox.add(outboxItem(draft.id, routing.targets[0]!, draft.note.urgency, now)), this.deps.cases.reserveCode(draft.id)]);
    const [stored] = await Promise.all([this.deps.cases.create({ ...draft, routing }, code), this.indexQuietly({ ...draft, routing, code })]);
    return stored;
  }

  private async indexQuietly(c: Case): Promise<void> {
    try {
      await this.deps.index.put(c);
    } catch (err) {
      this.deps.logger.warn('case index not updated; the next write of the case brings it up to date', { caseId: c.id, ...errorFields(err) });
    }
  }

  /**
   * Work one held outbox item to its end: delivered (or found delivered), retried later, parked
   * for an unlinked target, or dead-lettered. Throws only when storage fails; the item then comes
   * back when its hold lapses.
   */
  async deliver(held: HeldItem): Promise<DeliveryOutcome> {
    const { item } = held;
    const log = this.deps.logger.child({ outboxId: item.id, caseId: item.caseId, targetId: item.targetId });
    const now = this.deps.clock.now();
    if (held.dequeueCount > POISON_DEQUEUE_COUNT) return this.giveUp(held, { ...item, lastError: 'POISON' }, log);

    let found: { case: Case; etag: string } | undefined;
    try {
      found = await this.deps.cases.get(item.caseId);
    } catch (err) {
      // One case that cannot be read (a damaged blob, a wrong key) must not hold up the others.
      if (isAppError(err, 'STORAGE_CORRUPT')) return this.giveUp(held, { ...item, lastError: 'CASE_UNREADABLE' }, log);
      throw err;
    }
    if (!found) {
      if (now.getTime() - Date.parse(item.createdAt) > ORPHAN_AFTER_MS) {
        log.warn('outbox item without a case dropped (its submit never completed)');
        await this.deps.outbox.complete(held);
        return 'skipped';
      }
      await this.deps.outbox.retryLater(held, item, CASE_NOT_YET_STORED_RETRY_MS);
      return 'retried';
    }
    const c = found.case;
    // Done already (a second message for the same delivery), or not (or no longer) meant for this target.
    if (c.deliveries?.some((d) => d.targetId === item.targetId) || !deliveryTargets(c).includes(item.targetId)) {
      await this.deps.index.put(c); // a holder that died after recording may not have indexed it
      await this.deps.outbox.complete(held);
      return 'skipped';
    }
    const mark = c.sending?.find((s) => s.targetId === item.targetId);
    const abandoned = mark && now.getTime() - Date.parse(mark.since) > 4 * this.holdMs;
    if (mark && mark.messageId !== held.messageId && !abandoned) {
      // Another message for this delivery is sending (or will recover): it stays; this one goes.
      await this.deps.outbox.complete(held);
      return 'skipped';
    }
    const recovered = mark !== undefined;

    const link = await this.deps.links.get(item.targetId);
    if (!link) {
      // Never dropped: it waits apart, is reported to the administrators, and goes once someone links the target.
      log.warn('target not linked; delivery waits');
      await this.deps.outbox.park(held, { ...item, lastError: 'TARGET_NOT_LINKED' });
      await this.tellAdmins('unlinked', item, c, log);
      // Linked meanwhile? Then the link's own unpark may have run before this park: queue it now.
      if (await this.deps.links.get(item.targetId)) await this.deps.outbox.unpark(item.targetId);
      return 'waiting';
    }

    // The mark is re-decided on every retry of the write: a second message that lost the race finds the winner's mark.
    let ours = false;
    const markSending = (x: Case): Case | undefined => {
      const other = x.sending?.find((s) => s.targetId === item.targetId && s.messageId !== held.messageId);
      const otherAlive = other && now.getTime() - Date.parse(other.since) <= 4 * this.holdMs;
      ours = !x.deliveries?.some((d) => d.targetId === item.targetId) && !otherAlive;
      if (!ours) return undefined;
      return { ...x, sending: [...withoutMark(x, item.targetId), { targetId: item.targetId, messageId: held.messageId, since: now.toISOString() }] };
    };
    // First with the ETag of the read above (no second read); only a lost race reads again.
    const marked = await this.writeWithEtag(c, found.etag, markSending);
    if (!marked?.written || !ours) {
      await this.deps.outbox.complete(held);
      return 'skipped';
    }
    let activityId: string;
    try {
      activityId = (await this.deps.deliverer.sendCard(link.conversationRef, this.deps.caseCard(marked.case, { mayRepeat: recovered, targetId: item.targetId }))).activityId;
      if (!activityId) throw new DeliveryError('NO_ACTIVITY_ID');
    } catch (err) {
      const failure = err instanceof DeliveryError ? err : new DeliveryError('UNREACHABLE');
      // Certainly not posted: the mark goes, so the next attempt is an ordinary send.
      if (failure.certainlyNotPosted) await this.updateCase(c.id, (x) => ({ ...x, sending: withoutMark(x, item.targetId) }));
      return this.failed(held, failure, log);
    }
    // The idempotency record: from here on the delivery is done, whatever happens to the message.
    // One write, with the ETag the mark left (no read first), keeps the window after Teams' answer small.
    const record = (x: Case): Case => {
      const at = this.deps.clock.now().toISOString();
      return {
        ...x,
        status: x.status === 'received' ? 'delivered' : x.status,
        updatedAt: at,
        sending: withoutMark(x, item.targetId),
        deliveries: [...(x.deliveries ?? []), { targetId: item.targetId, activityId, at, ...(recovered ? { mayRepeat: true } : {}) }],
        history: [...x.history, { at, action: 'delivered', by: 'system' }],
      };
    };
    const recorded = await this.writeWithEtag(marked.case, marked.etag, record);
    if (recorded) await this.deps.index.put(recorded.case);
    await this.deps.outbox.complete(held);
    log.info('case card delivered', { attempts: item.attempts + 1, mayRepeat: recovered });
    return 'delivered';
  }

  /**
   * A failed send: retried with backoff, or dead-lettered. Being throttled (429) is Teams asking us
   * to wait, not the card failing, so it does not use up the attempts; it has its own, larger
   * budget (ten times as many), so that a channel that throttles for ever still ends in a dead letter.
   */
  private async failed(held: HeldItem, err: DeliveryError, log: Logger): Promise<DeliveryOutcome> {
    const throttled = err.code === 'THROTTLED';
    const attempts = held.item.attempts + (throttled ? 0 : 1);
    const throttles = (held.item.throttles ?? 0) + (throttled ? 1 : 0);
    const item = { ...held.item, attempts, throttles, lastError: err.code };
    const exhausted = isExhausted(attempts, this.policy) || throttles >= THROTTLE_BUDGET * this.policy.maxAttempts;
    if (!err.retryable || exhausted) return this.giveUp(held, item, log);
    const delay = retryDelay(Math.max(attempts, Math.ceil(throttles / THROTTLE_BUDGET)), { policy: this.policy, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) });
    log.warn('delivery will be retried', { code: err.code, attempts, throttles, retryInMs: delay });
    await this.deps.outbox.retryLater(held, item, delay);
    return 'retried';
  }

  private async giveUp(held: HeldItem, item: OutboxItem, log: Logger): Promise<DeliveryOutcome> {
    log.error('delivery dead-lettered', { code: item.lastError ?? 'unknown', attempts: item.attempts });
    await this.deps.outbox.deadLetter(held, item);
    let c: Case | undefined;
    try {
      c = (await this.deps.cases.get(item.caseId))?.case;
      // A re-driven letter starts clean: no mark of this attempt is left on the case.
      if (c?.sending?.some((s) => s.targetId === item.targetId)) await this.updateCase(c.id, (x) => ({ ...x, sending: withoutMark(x, item.targetId) }));
    } catch {
      c = undefined; // the notice goes without the case code
    }
    await this.tellAdmins('dead', item, c, log);
    return 'dead';
  }

  private async tellAdmins(problem: 'unlinked' | 'dead', item: OutboxItem, c: Case | undefined, log: Logger): Promise<void> {
    try {
      await this.deps.notifyAdmins?.(problem, item, c);
    } catch (err) {
      // The item stays visible (parked or dead-lettered) either way; a failed notice must not block it.
      log.warn('administrators could not be told', { problem, ...errorFields(err) });
    }
  }

  /** Dead letters, for administrators. */
  deadLetters(): Promise<OutboxItem[]> {
    return this.deps.outbox.dead();
  }

  /** Queue a dead letter again (an administrator's decision); false when there is none by that id. */
  redrive(id: string): Promise<boolean> {
    return this.deps.outbox.redrive(id);
  }

  /** A target was just linked: everything that waited for it goes now. */
  async retryWaitingFor(targetId: string): Promise<number> {
    return this.deps.outbox.unpark(targetId);
  }

  /**
   * Send every unacknowledged case whose deadline has passed to the next person on its ladder.
   * One instance at a time (a job lock); reads only the awaiting cases in the index; each step is
   * written with the case's ETag, so a deadline escalates once however many instances run, and
   * every card already posted for the case is updated to show it. Returns the escalations made.
   */
  async escalateDue(): Promise<number> {
    const lock = await this.deps.lock?.tryLock('escalation');
    if (this.deps.lock && !lock) return 0;
    const policy = this.deps.escalation ?? DEFAULT_ESCALATION_POLICY;
    const now = this.deps.clock.now();
    let count = 0;
    try {
      const due = (await this.deps.index.awaiting()).filter((s) => {
        const deadline = deadlineFrom(new Date(s.levelAt), s.urgency, s.category, policy, this.deps.directory, this.deps.timeZone);
        return !!deadline && deadline.getTime() <= now.getTime();
      });
      await eachLimited(due, ESCALATION_CONCURRENCY, async (s) => {
        try {
          if (await this.escalate(s, now, policy)) count++;
        } catch (err) {
          // One case that cannot be read or written is reported and skipped, never the whole pass.
          this.deps.logger.warn('case not escalated', { caseId: s.id, ...errorFields(err) });
        }
      });
    } finally {
      await lock?.release();
    }
    return count;
  }

  private async escalate(summary: CaseSummary, now: Date, policy: EscalationPolicy): Promise<boolean> {
    const caseId = summary.id;
    const found = await this.deps.cases.get(caseId);
    if (!found) {
      await this.deps.index.drop(caseId); // its submit failed before the case was written
      return false;
    }
    const due = escalationDue(found.case, now, policy, this.deps.directory, this.deps.timeZone);
    if (!due) {
      // The index was behind the case (a crash between the two writes): bring it up to date.
      await this.indexQuietly(found.case);
      return false;
    }
    // Queued before the case says so: a crash in between leaves a message that finds its target
    // not yet on the case and ends, never an escalation that nobody delivers.
    await this.deps.outbox.add(outboxItem(caseId, due.to, found.case.note.urgency, now));
    let escalated = false;
    const updated = await this.updateCase(caseId, (c) => {
      const again = escalationDue(c, now, policy, this.deps.directory, this.deps.timeZone);
      if (!again || again.to !== due.to || !c.routing) return undefined;
      escalated = true;
      const at = now.toISOString();
      return { ...c, updatedAt: at, routing: { ...c.routing, targets: [...c.routing.targets, due.to] }, history: [...c.history, { at, action: 'escalated', by: 'system' }] };
    });
    if (!updated || !escalated) return false;
    this.deps.logger.info('case escalated', { caseId, to: due.to, level: updated.routing?.targets.length ?? 0 });
    await this.refreshCards(updated);
    return true;
  }

  /**
   * Rule R2: a coordinator involves the regional coordinator of the case's municipality, recording
   * the victim's consent. With consent the case's card is queued for the regional coordinator (queued
   * first, like an escalation, so a crash leaves a message that finds nothing to do rather than a
   * decision nobody delivers); without it nothing from the note is sent (general advice only), and
   * the decision is still recorded on the case. The caller checks that `actor` may act on the case.
   */
  async consultRegional(caseId: string, actor: string, consent: Consent): Promise<{ ok: true; case: Case; shared: boolean } | { ok: false; reason: 'notFound' | 'noRegionalCoordinator' | 'closed' | 'aQuestion' }> {
    const found = await this.deps.cases.get(caseId);
    if (!found) return { ok: false, reason: 'notFound' };
    const targetId = regionalTargetOf(this.deps.directory, found.case.routing?.municipality ?? this.deps.directory.defaultMunicipality);
    if (!targetId) return { ok: false, reason: 'noRegionalCoordinator' };
    const now = this.deps.clock.now();
    const shared = mayShareWithRegional(consent);
    if (shared && found.case.status !== 'closed' && found.case.status !== 'withdrawn' && found.case.note.category !== 'question') {
      await this.deps.outbox.add(outboxItem(caseId, targetId, found.case.note.urgency, now));
    }
    let refusal: 'closed' | 'aQuestion' | undefined;
    const updated = await this.updateCase(caseId, (c) => {
      const r = transition(c, { kind: 'consultRegional', targetId, consent }, actor, now);
      if (r.ok) return r.case;
      refusal = r.reason === 'aQuestion' ? 'aQuestion' : 'closed';
      return undefined;
    });
    if (!updated) return { ok: false, reason: 'notFound' };
    if (refusal) return { ok: false, reason: refusal };
    this.deps.logger.info('regional coordinator involved', { caseId, targetId, consent, shared });
    return { ok: true, case: updated, shared };
  }

  /**
   * Retention: delete cases closed or withdrawn more than `retentionDays` ago, keeping only monthly
   * counts (`statistics`). One instance at a time; reads only the cases past their time.
   * Also drops closed cases' tombstones from the open view. Returns how many cases were deleted.
   */
  async applyRetention(retentionDays: number, statistics: StatisticsStore): Promise<number> {
    const lock = await this.deps.lock?.tryLock('retention');
    if (this.deps.lock && !lock) return 0;
    let count = 0;
    try {
      const now = this.deps.clock.now();
      await this.deps.index.prune(new Date(now.getTime() - TOMBSTONE_MS));
      if (retentionDays <= 0) return 0;
      for (const s of await this.deps.index.closedBefore(new Date(now.getTime() - retentionDays * 86_400_000), RETENTION_BATCH)) {
        if (isPastRetention(s, now, retentionDays) && (await this.deps.cases.remove(s.id, s.code, s.updatedAt))) {
          await statistics.add(s);
          count++;
        }
        // Deleted now, or reopened since (then its open row is the truth): either way this row goes.
        await this.deps.index.forget(s);
      }
      if (count > 0) this.deps.logger.info('retention applied', { deleted: count, retentionDays });
    } finally {
      await lock?.release();
    }
    return count;
  }

  /** Show the case as it is now on every card posted for it. */
  async refreshCards(c: Case): Promise<void> {
    for (const d of c.deliveries ?? []) {
      const link = await this.deps.links.get(d.targetId);
      if (!link) continue;
      try {
        await this.deps.deliverer.updateCard(link.conversationRef, d.activityId, this.deps.caseCard(c, { mayRepeat: d.mayRepeat ?? false, targetId: d.targetId }));
      } catch (err) {
        this.deps.logger.warn('case card could not be updated', { caseId: c.id, ...errorFields(err) });
      }
    }
  }

  /**
   * Read-modify-write with the ETag (the one retry helper), then bring the index up to date.
   * `change` returns undefined for "no change". Returns the case as stored, or undefined if none.
   * An index failure is logged, never thrown: a user's action must not fail after the case is written.
   */
  async updateCase(caseId: string, change: (c: Case) => Case | undefined): Promise<Case | undefined> {
    return (await this.changeCase(caseId, change))?.case;
  }

  /**
   * Apply `change` to a case already read (`c` with `etag`) in one write; if someone changed it
   * meanwhile, read it again and re-apply (the usual loop). The index is left to the caller.
   */
  private async writeWithEtag(c: Case, etag: string, change: (c: Case) => Case | undefined): Promise<{ case: Case; etag: string; written: boolean } | undefined> {
    const changed = change(c);
    if (!changed) return { case: c, etag, written: false };
    try {
      return { case: changed, etag: await this.deps.cases.update(changed, etag), written: true };
    } catch (err) {
      if (!isAppError(err, 'STORAGE_CONFLICT')) throw err;
      return this.changeCase(c.id, change); // a coordinator or the reporter changed it: read and apply again
    }
  }

  /** `updateCase`, also saying whether it wrote and the ETag of what is stored now. */
  private async changeCase(caseId: string, change: (c: Case) => Case | undefined): Promise<{ case: Case; etag: string; written: boolean } | undefined> {
    const next = await retryOnConflict(async () => {
      const found = await this.deps.cases.get(caseId);
      if (!found) return undefined;
      const changed = change(found.case);
      if (!changed) return { case: found.case, etag: found.etag, written: false, before: '' };
      return { case: changed, etag: await this.deps.cases.update(changed, found.etag), written: true, before: JSON.stringify(summaryOf(found.case)) };
    });
    // The in-flight mark changes nothing a list shows: only a change of the summary is indexed.
    if (next?.written && JSON.stringify(summaryOf(next.case)) !== next.before) await this.indexQuietly(next.case);
    return next;
  }
}

/** The case's in-flight marks, less the one for `targetId`. */
const withoutMark = (c: Case, targetId: string) => (c.sending ?? []).filter((s) => s.targetId !== targetId);

/** Run `work` over `items`, at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
