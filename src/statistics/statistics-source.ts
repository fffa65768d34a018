import type { CaseStatistics } from '../forwarding/retention';
import type { CaseFacts } from './case-facts';
import type { MonthId, WeekId } from './period';

/** Where the numbers come from: the stored cases, the retention counts and the unanswered-question counts. */
export interface StatisticsSource {
  /**
   * The facts of every stored case created in [start, end) whose municipality `includes` accepts.
   * A case of another municipality is skipped before anything sealed is opened.
   */
  cases(range: { readonly start: Date; readonly end: Date }, includes: (municipality: string) => boolean): Promise<CaseFacts[]>;
  /** Counts of cases deleted by retention, by the month they were created (months with none are left out). */
  deleted(months: readonly MonthId[]): Promise<Readonly<Record<MonthId, CaseStatistics>>>;
  /** Questions no routine answered, by week and municipality (weeks with none are left out). */
  unanswered(weeks: readonly WeekId[]): Promise<Readonly<Record<WeekId, Readonly<Record<string, number>>>>>;
}

/** Counts a question no routine answered: the week and the municipality only, never the text or who asked. */
export interface UnansweredCounter {
  record(week: WeekId, municipality: string): Promise<void>;
}

/** A file for a short while: what a statistics download link serves, then forgets. */
export interface Download {
  readonly filename: string;
  readonly contentType: string;
  readonly body: string;
}

/** Short-lived downloads behind an unguessable token (the CSV of a statistics card). */
export interface DownloadStore {
  /** Keep `download` until `expiresAt`; returns the token that fetches it. */
  put(download: Download, expiresAt: Date): Promise<string>;
  /** The download, while the token is valid; undefined when unknown or expired. */
  get(token: string, now: Date): Promise<Download | undefined>;
  /** Forget every expired download; returns how many. */
  sweep(now: Date): Promise<number>;
}
