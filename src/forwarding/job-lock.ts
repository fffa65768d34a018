/** Lets one instance at a time run a periodic job (escalation); a crashed holder's lock expires. */
export interface JobLock {
  tryLock(job: string): Promise<{ release(): Promise<void> } | undefined>;
}
