/** Time comes from here so that tests control it (drafts, outbox retries, escalation). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
