import type { Case } from './case';
import type { CaseSummary } from './case-index';

/** Persistence of cases. Writes are conditional: a lost race is an error, never a silent overwrite. */
export interface CaseStore {
  /** Store a new case under a fresh unique code; returns the case as stored (with its code). */
  create(draft: Omit<Case, 'code'>): Promise<Case>;
  get(id: string): Promise<{ case: Case; etag: string } | undefined>;
  getByCode(code: string): Promise<Case | undefined>;
  /** Cases nobody has acknowledged yet (received or delivered). */
  listAwaiting(): Promise<Case[]>;
  /** Every case as a summary (no note content). */
  summaries(): Promise<CaseSummary[]>;
  /** Delete a case and its code, only if it is unchanged since `updatedAt` (retention). True if deleted. */
  remove(id: string, code: string, updatedAt: string): Promise<boolean>;
  /** Replace a case read with `etag`; a concurrent change makes this fail with STORAGE_CONFLICT. */
  update(next: Case, etag: string): Promise<string>;
}
