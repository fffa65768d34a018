/**
 * The periodic jobs of one instance (escalation, retention, draft sweep, knowledge refresh): each runs every
 * `everyMs`, never overlapping itself; a failure is logged and the next round tries again. Which
 * instance does the work is the jobs' own business (their job locks), not the scheduler's.
 */
import { errorFields, type Logger } from '../log';

export interface PeriodicJob {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<unknown>;
}

export interface RunningJobs {
  stop(): Promise<void>;
}

export function startPeriodicJobs(jobs: readonly PeriodicJob[], logger: Logger): RunningJobs {
  const running = new Map<string, Promise<void>>();
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      if (running.has(job.name)) return; // the last round is still going
      const round = job
        .run()
        .then(() => undefined)
        .catch((err: unknown) => logger.warn('periodic job failed', { job: job.name, ...errorFields(err) }))
        .finally(() => running.delete(job.name));
      running.set(job.name, round);
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all([...running.values()]);
    },
  };
}
