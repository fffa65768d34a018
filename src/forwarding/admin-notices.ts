import type { Clock } from '../clock';
import type { Deliverer } from './deliverer';
import type { PersonAddressStore } from './people';

/** When a notice on a topic was last sent, shared by every instance (a small blob with an ETag). */
export interface NoticeLog {
  /**
   * Claim the notice on `topic` at `now`: true when none was sent in the `everyMs` before and this
   * caller's claim was recorded first; false when one was sent, or another turn or instance claimed it.
   */
  claim(topic: string, now: Date, everyMs: number): Promise<boolean>;
}

/**
 * Is a notice due, given when the last one went? A time more than one period in the future (a clock
 * far ahead, a damaged record) does not silence notices for longer than that.
 * @example isNoticeDue('2026-01-01T10:00:00Z', new Date('2026-01-01T10:30:00Z'), 3_600_000) === false
 */
export function isNoticeDue(lastAt: string | undefined, now: Date, everyMs: number): boolean {
  const last = lastAt === undefined ? NaN : Date.parse(lastAt);
  if (Number.isNaN(last)) return true;
  const elapsed = now.getTime() - last;
  return elapsed >= everyMs || elapsed < -everyMs;
}

export interface AdminNoticesDeps {
  /** Entra ID object ids of the administrators (the routing directory's `admins`). */
  readonly admins: readonly string[];
  /** Their personal chats with the bot, kept when they install it. */
  readonly people: PersonAddressStore;
  readonly deliverer: Deliverer;
  readonly log: NoticeLog;
  readonly clock: Clock;
}

/**
 * The one way the bot tells its administrators something: a text in the personal chat of every
 * administrator who has installed the bot (dead letters, unlinked targets, faults that fail turns).
 */
export class AdminNotices {
  constructor(private readonly deps: AdminNoticesDeps) {}

  /**
   * Send `text` to every reachable administrator; resolves to how many were told.
   * @throws the first send failure, after every administrator has been tried.
   */
  async tell(text: string): Promise<number> {
    let told = 0;
    let failure: Error | undefined;
    for (const admin of this.deps.admins) {
      try {
        const ref = await this.deps.people.get(admin);
        if (!ref) continue;
        await this.deps.deliverer.sendText(ref, text);
        told++;
      } catch (err) {
        failure ??= err instanceof Error ? err : new Error(String(err));
      }
    }
    if (failure !== undefined) throw failure;
    return told;
  }

  /**
   * Tell at most once per `everyMs` on `topic`, however many turns (on however many instances) ask:
   * the first claim in a period sends, the others are dropped. Resolves to true when this call sent.
   * @remarks The claim is recorded before sending: a send that fails is not retried within the period
   * (the caller logs it), which errs towards fewer messages rather than a flood.
   */
  async tellAtMostEvery(topic: string, everyMs: number, text: () => string): Promise<boolean> {
    if (!(await this.deps.log.claim(topic, this.deps.clock.now(), everyMs))) return false;
    await this.tell(text());
    return true;
  }
}
