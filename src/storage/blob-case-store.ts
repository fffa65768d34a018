import { randomUUID } from 'node:crypto';
import { isAppError, AppError } from '../errors';
import { levelSince, type Case, type CaseNote, type Reporter } from '../forwarding/case';
import { newCaseCode } from '../forwarding/case-code';
import type { CaseSummary } from '../forwarding/case-index';
import type { CaseStore } from '../forwarding/case-store';
import type { JsonBlobStore } from './json-blob-store';
import type { NoteCipher, Sealed } from './note-cipher';

/** The blob: routing metadata in clear (no personal data), the note and the reporter sealed. */
interface StoredCase extends Omit<Case, 'note' | 'reporter'> {
  readonly urgency: CaseNote['urgency'];
  readonly category: CaseNote['category'];
  readonly sealed: Sealed;
}

const MAX_CODE_ATTEMPTS = 8;

/**
 * Cases as one JSON blob each (`cases/<id>.json`), plus a create-only code index
 * (`case-codes/<code>.json` → id) that makes every code unique without a lock.
 */
export class BlobCaseStore implements CaseStore {
  constructor(
    private readonly store: JsonBlobStore,
    private readonly cipher: NoteCipher,
    private readonly newCode: () => string = newCaseCode,
  ) {}

  /**
   * Idempotent by id: the id is derived from the draft, so a retried submit (a double press, a
   * second instance, a save that failed after the case was written) returns the case already stored.
   */
  async create(draft: Omit<Case, 'code'>): Promise<Case> {
    const id = draft.id || randomUUID();
    // No read first (a retry is rare and one round trip less matters under load): the create-only
    // write below finds an existing case and returns it.
    for (let attempt = 1; ; attempt++) {
      const code = this.newCode();
      try {
        await this.store.put(`case-codes/${code}.json`, { caseId: id }, { ifNoneMatch: '*' });
      } catch (err) {
        if (isAppError(err, 'STORAGE_CONFLICT') && attempt < MAX_CODE_ATTEMPTS) continue;
        throw err;
      }
      const stored: Case = { ...draft, id, code };
      try {
        await this.store.put(`cases/${id}.json`, this.toStored(stored), { ifNoneMatch: '*' });
      } catch (err) {
        // Another writer stored this very case meanwhile: theirs stands (the code reserved here stays unused).
        const theirs = isAppError(err, 'STORAGE_CONFLICT') ? await this.get(id) : undefined;
        if (theirs) return theirs.case;
        throw err;
      }
      return stored;
    }
  }

  async get(id: string): Promise<{ case: Case; etag: string } | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const found = await this.store.get<StoredCase>(`cases/${id}.json`);
    return found ? { case: this.fromStored(found.value), etag: found.etag } : undefined;
  }

  async getByCode(code: string): Promise<Case | undefined> {
    const ref = await this.store.get<{ caseId: string }>(`case-codes/${code}.json`);
    return ref ? (await this.get(ref.value.caseId))?.case : undefined;
  }

  /** Every case's summary, from the readable metadata only (nothing is decrypted). */
  async summaries(): Promise<CaseSummary[]> {
    return (await this.allStored()).map((s) => ({
      id: s.id,
      code: s.code,
      status: s.status,
      urgency: s.urgency,
      category: s.category,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      levelAt: levelSince(s),
      targets: s.routing?.targets ?? [],
      ...(s.assignee ? { assignee: s.assignee } : {}),
    }));
  }

  /** Every stored case blob as written (metadata readable, content sealed). */
  private async allStored(): Promise<StoredCase[]> {
    const found = await Promise.all((await this.store.list('cases/')).map((n) => this.store.get<StoredCase>(n)));
    return found.flatMap((f) => (f ? [f.value] : []));
  }

  async remove(id: string, code: string, updatedAt: string): Promise<boolean> {
    const name = `cases/${id}.json`;
    const current = await this.store.get<StoredCase>(name);
    // Reopened (or otherwise changed) since it was found due: it is not deleted.
    if (!current || current.value.updatedAt !== updatedAt) return false;
    try {
      await this.store.delete(name, { ifMatch: current.etag });
    } catch (err) {
      if (isAppError(err, 'STORAGE_CONFLICT')) return false;
      throw err;
    }
    await this.store.delete(`case-codes/${code}.json`);
    return true;
  }

  async listAwaiting(): Promise<Case[]> {
    // Status is readable without the key, so only awaiting cases are decrypted.
    return (await this.allStored()).filter((s) => s.status === 'received' || s.status === 'delivered').map((s) => this.fromStored(s));
  }

  async update(next: Case, etag: string): Promise<string> {
    return this.store.put(`cases/${next.id}.json`, this.toStored(next), { ifMatch: etag });
  }

  private toStored(c: Case): StoredCase {
    const { note, reporter, outcome, additions, questions, ...meta } = c;
    return { ...meta, urgency: note.urgency, category: note.category, sealed: this.cipher.seal({ note, reporter, outcome, additions, questions }, c.id) };
  }

  private fromStored(s: StoredCase): Case {
    const { sealed, urgency: _urgency, category: _category, ...meta } = s;
    const opened = this.cipher.open<{ note: CaseNote; reporter: Reporter; outcome?: Case['outcome']; additions?: Case['additions']; questions?: Case['questions'] }>(
      sealed,
      s.id,
    );
    if (!opened.note || !opened.reporter) throw new AppError('STORAGE_CORRUPT', `case ${s.id} has no note`);
    return {
      ...meta,
      note: opened.note,
      reporter: opened.reporter,
      ...(opened.outcome ? { outcome: opened.outcome } : {}),
      ...(opened.additions ? { additions: opened.additions } : {}),
      ...(opened.questions ? { questions: opened.questions } : {}),
    };
  }
}
