import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import { retryOnConflict } from '../retry';
import type { JsonBlobStore } from './json-blob-store';
import type { NoteCipher, Sealed } from './note-cipher';
import { SEALED_DATA, SENTINEL_BLOB } from './sealed-blobs';

/** What the sentinel holds (no personal data: only whether a key opens it matters). */
const SENTINEL_VALUE = { purpose: 'samverka note key check' };

export type KeyCheckOutcome = 'created' | 'current' | 'resealed';

/**
 * The start-up check of the note key ring against storage: a sentinel blob sealed under the
 * newest key. A ring that cannot open it would fail every turn that touches sealed data, so the
 * bot refuses to start instead (`STORAGE_KEY_MISMATCH`, one line naming the key ids).
 * @remarks The first time (no sentinel yet) the ring is tried on one existing blob of each sealed
 * kind first, so a wrong key on an existing deployment is caught before it writes the sentinel.
 * When a newer key has been put in front of the ring, the sentinel is re-sealed under it.
 */
export class KeySentinel {
  private state: 'unchecked' | 'passed' | 'refused' = 'unchecked';
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: JsonBlobStore,
    private readonly cipher: NoteCipher,
  ) {}

  /** @throws AppError('STORAGE_KEY_MISMATCH') when no configured key opens the stored data. */
  async check(): Promise<KeyCheckOutcome> {
    const outcome = await retryOnConflict(async (): Promise<KeyCheckOutcome> => {
      const found = await this.store.get<{ sealed?: Sealed }>(SENTINEL_BLOB);
      if (!found) {
        await this.checkExistingData();
        await this.store.put(SENTINEL_BLOB, { sealed: this.cipher.seal(SENTINEL_VALUE, SENTINEL_BLOB) }, { ifNoneMatch: '*' });
        return 'created';
      }
      const sealed = found.value.sealed;
      if (!sealed || !this.opens(sealed, SENTINEL_BLOB)) throw this.mismatch(SENTINEL_BLOB, sealed?.kid);
      if (this.cipher.isCurrent(sealed)) return 'current';
      await this.store.put(SENTINEL_BLOB, { sealed: this.cipher.reseal(sealed, SENTINEL_BLOB) }, { ifMatch: found.etag });
      return 'resealed';
    });
    this.state = 'passed';
    return outcome;
  }

  /**
   * For readiness when storage could not be reached at start: runs the check once storage answers.
   * True once it has passed; a mismatch is logged (once) and stays false, so no traffic is sent here.
   */
  async isVerified(logger: Logger): Promise<boolean> {
    if (this.state === 'unchecked') {
      this.running ??= this.check()
        .then(() => undefined)
        .catch((err: unknown) => {
          if (!isAppError(err, 'STORAGE_KEY_MISMATCH')) return; // still unreachable: the next probe tries again
          this.state = 'refused';
          logger.error(err.message, { code: err.code });
        })
        .finally(() => (this.running = undefined));
      await this.running;
    }
    return this.state === 'passed';
  }

  /** One blob of each sealed kind (read at once, so a first start waits for one round trip, not three), if any exist: at least one must open. */
  private async checkExistingData(): Promise<void> {
    const samples = await Promise.all(
      SEALED_DATA.map(async (kind) => {
        const [name] = await this.store.list(kind.prefix, 1);
        const sealed = name ? (await this.store.get<{ sealed?: Sealed }>(name))?.value.sealed : undefined;
        return name && sealed ? { name, sealed, opens: this.opens(sealed, kind.aadOf(name)) } : undefined;
      }),
    );
    const tried = samples.filter((x) => x !== undefined);
    if (tried.length > 0 && !tried.some((x) => x.opens)) throw this.mismatch(`existing data (${tried[0]!.name.split('/')[0]}/…)`, tried[0]!.sealed.kid);
  }

  private opens(sealed: Sealed, aad: string): boolean {
    try {
      this.cipher.open(sealed, aad);
      return true;
    } catch (err) {
      if (isAppError(err, 'STORAGE_CORRUPT')) return false;
      throw err;
    }
  }

  private mismatch(what: string, kid: string | undefined): AppError {
    const configured = this.cipher.keyIds.map((id) => `"${id}"`).join(', ');
    const sealedWith = kid === undefined ? 'a key with no id' : `key "${kid.slice(0, 40)}"`;
    return new AppError(
      'STORAGE_KEY_MISMATCH',
      `Note encryption keys do not open the stored data: ${what} is sealed with ${sealedWith} and none of the configured keys (${configured}) opens it; ` +
        'put the key that sealed it in NOTE_ENCRYPTION_KEYS (newest first) and start again',
    );
  }
}
