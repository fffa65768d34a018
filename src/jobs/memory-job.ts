import type { Logger } from '../log';
import type { PeriodicJob } from './periodic-jobs';

/** What the memory job needs to know of the server: has it been busy? */
export interface TurnCounter {
  /** Turns started since the server did. */
  started(): number;
  inFlight(): number;
}

const mb = (n: number) => Math.round(n / 1_048_576);

/**
 * Memory figures for operators (process figures only, nothing about users or cases), and memory
 * given back when the bot goes quiet. V8 collects only when it allocates, so a process that went
 * quiet after a busy hour keeps that hour's garbage; once a whole round passes without a turn (and
 * the process runs with --expose-gc, as `npm start` does) one full collection gives it back.
 */
export function memoryJob(server: TurnCounter, logger: Logger, everyMs = 20_000): PeriodicJob {
  let lastTurns = -1;
  let collectedAt = -1;
  let rounds = 0;
  return {
    name: 'memory',
    everyMs,
    run: async () => {
      const turns = server.started();
      const justIdle = turns === lastTurns && turns !== collectedAt && server.inFlight() === 0;
      lastTurns = turns;
      const gc = (globalThis as { gc?: () => void }).gc;
      if (justIdle && gc) {
        gc();
        collectedAt = turns;
      }
      // Every idle transition, and otherwise every fifteenth round (five minutes by default).
      if (justIdle || ++rounds % 15 === 0) {
        const m = process.memoryUsage();
        logger.info('memory', { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), collected: justIdle && !!gc });
      }
    },
  };
}
