import type { Case } from './case';

/** Persistence of cases. Writes are conditional: a lost race is an error, never a silent overwrite. */
export interface CaseStore {
  /** Reserve a fresh unique code for a case about to be created. */
  reserveCode(caseId: string): Promise<string>;
  /**
   * Store a new case under `reservedCode` (or a fresh one); returns the case as stored. A case
   * stored already under this id is returned as it is (with its own code).
   */
  create(draft: Omit<Case, 'code'>, reservedCode?: string): Promise<Case>;
  get(id: string): Promise<{ case: Case; etag: string } | undefined>;
  getByCode(code: string): Promise<Case | undefined>;
  /** Delete a case and its code, only if it is unchanged since `updatedAt` (retention). True if deleted. */
  remove(id: string, code: string, updatedAt: string): Promise<boolean>;
  /** Replace a case read with `etag`; a concurrent change makes this fail with STORAGE_CONFLICT. */
  update(next: Case, etag: string): Promise<string>;
}
