import { randomUUID } from 'node:crypto';
import { isAppError, AppError } from '../errors';
import type { Case, CaseNote, Reporter } from '../forwarding/case';
import { newCaseCode } from '../forwarding/case-code';
import type { CaseStore } from '../forwarding/case-store';
import type { JsonBlobStore } from './json-blob-store';
import type { NoteCipher, Sealed, SealedBlobKind } from './note-cipher';
import { caseFactsOf, type CaseFacts } from '../statistics/case-facts';
import { SITE_KINDS } from '../forwarding/routing-directory';

/** The blob: routing metadata in clear (no personal data), the note and the reporter sealed. */
interface StoredCase extends Omit<Case, 'note' | 'reporter' | 'origin'> {
  readonly urgency: CaseNote['urgency'];
  readonly category: CaseNote['category'];
  readonly sealed: Sealed;
}

const MAX_CODE_ATTEMPTS = 8;

/** Each case is sealed with its id, the middle of its blob name `cases/<id>.json` (key rotation uses this rule). */
export const SEALED_CASES: SealedBlobKind = { prefix: 'cases/', aadOf: (name) => name.slice('cases/'.length, -'.json'.length) };

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

  /** Reserve a fresh unique code for a case (create-only code blobs: no lock, no collision). */
  async reserveCode(caseId: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const code = this.newCode();
      try {
        await this.store.put(`case-codes/${code}.json`, { caseId }, { ifNoneMatch: '*' });
        return code;
      } catch (err) {
        if (!isAppError(err, 'STORAGE_CONFLICT') || attempt >= MAX_CODE_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * Idempotent by id: the id is derived from the draft, so a retried submit (a double press, a
   * second instance, a save that failed after the case was written) returns the case already stored.
   * No read first (a retry is rare, and a round trip less matters under load): the create-only write
   * finds an existing case, and then that case is returned (the code reserved for this try stays unused).
   */
  async create(draft: Omit<Case, 'code'>, reservedCode?: string): Promise<Case> {
    const id = draft.id || randomUUID();
    const stored: Case = { ...draft, id, code: reservedCode ?? (await this.reserveCode(id)) };
    try {
      await this.store.put(`cases/${id}.json`, this.toStored(stored), { ifNoneMatch: '*' });
    } catch (err) {
      const theirs = isAppError(err, 'STORAGE_CONFLICT') ? await this.get(id) : undefined;
      if (theirs) return theirs.case;
      throw err;
    }
    return stored;
  }

  async get(id: string): Promise<{ case: Case; etag: string } | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const found = await this.store.get<StoredCase>(`cases/${id}.json`);
    return found ? { case: this.fromStored(found.value), etag: found.etag } : undefined;
  }

  /**
   * What the statistics need of a case, opening as little as possible: the municipality, category,
   * urgency and history are in clear; the seal is opened only for the kind of site of an incident
   * note of a municipality `includes` accepts (hand-off questions have no site), and nothing of it
   * but the kind is kept. Undefined when the case does not exist (any more) or is not included.
   */
  async statisticsFacts(id: string, includes: (municipality: string) => boolean, defaultMunicipality: string): Promise<CaseFacts | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const stored = (await this.store.get<StoredCase>(`cases/${id}.json`))?.value;
    if (!stored) return undefined;
    const municipality = stored.routing?.municipality ?? defaultMunicipality;
    if (!includes(municipality)) return undefined;
    const kind =
      stored.category === 'question' ? undefined : this.cipher.open<{ origin?: Case['origin'] }>(stored.sealed, stored.id).origin?.site?.kind;
    return caseFactsOf(stored, municipality, kind === undefined ? 'none' : SITE_KINDS.find((k) => k === kind) ?? 'other');
  }

  async getByCode(code: string): Promise<Case | undefined> {
    const ref = await this.store.get<{ caseId: string }>(`case-codes/${code}.json`);
    return ref ? (await this.get(ref.value.caseId))?.case : undefined;
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

  async update(next: Case, etag: string): Promise<string> {
    return this.store.put(`cases/${next.id}.json`, this.toStored(next), { ifMatch: etag });
  }

  private toStored(c: Case): StoredCase {
    // The site says where the reporter works: sealed with the note.
    const { note, reporter, outcome, additions, questions, origin, ...meta } = c;
    return { ...meta, urgency: note.urgency, category: note.category, sealed: this.cipher.seal({ note, reporter, outcome, additions, questions, origin }, c.id) };
  }

  private fromStored(s: StoredCase): Case {
    const { sealed, urgency: _urgency, category: _category, ...meta } = s;
    const opened = this.cipher.open<{
      note: CaseNote;
      reporter: Reporter;
      outcome?: Case['outcome'];
      additions?: Case['additions'];
      questions?: Case['questions'];
      origin?: Case['origin'];
    }>(
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
      ...(opened.origin ? { origin: opened.origin } : {}),
    };
  }
}
