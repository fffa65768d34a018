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
 * the process runs with --expose-gc, as `npm start` does) two full collections give it back (the
 * first empties the pages, the second lets V8 release them; one alone left RSS 30 % over warm).
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
        gc(); // a second full collection lets V8 release the pages the first one emptied
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
