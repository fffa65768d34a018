import { errorCodeOf, isAppError } from '../errors';
import { errorFields, type Logger } from '../log';
import { retryOnConflict } from '../retry';
import type { JsonBlobStore } from './json-blob-store';
import type { NoteCipher, Sealed, SealedBlobKind } from './note-cipher';
import { SEALED_BLOBS } from './sealed-blobs';

export interface RotationSummary {
  /** Sealed again under the newest key by this run. */
  readonly resealed: number;
  /** Already under the newest key (an earlier, interrupted run, or written by the bot since). */
  readonly current: number;
  /** Could not be re-sealed (no configured key opens it, or storage kept failing): left as it was. */
  readonly failed: number;
  /** Deleted while the run went (e.g. retention): nothing to re-seal. */
  readonly gone: number;
}

export interface RotateKeysOptions {
  /** Blobs worked at once (default 16). */
  readonly concurrency?: number;
  /** The kinds of blobs to go through (default: every sealed kind). */
  readonly kinds?: readonly SealedBlobKind[];
  readonly logger: Logger;
  /** Called after each blob this run re-sealed (progress). */
  readonly onResealed?: (name: string) => void;
}

export const DEFAULT_ROTATE_KEYS_OPTIONS = { concurrency: 16, kinds: SEALED_BLOBS } as const;

type BlobOutcome = 'resealed' | 'current' | 'gone';

/**
 * Re-seal every sealed blob under the newest key of the ring, changing nothing else in it.
 * @remarks Safe to stop at any point and run again: a blob is either still under an older key
 * (which the ring still opens) or already under the newest (skipped next time). Each write carries
 * the ETag of the read it re-seals, so a blob the bot changed meanwhile is never overwritten with
 * the stale copy: it is read and re-sealed again (or found current, since the bot seals with the
 * newest key too).
 */
export async function rotateKeys(store: JsonBlobStore, cipher: NoteCipher, options: RotateKeysOptions): Promise<RotationSummary> {
  const counts = { resealed: 0, current: 0, failed: 0, gone: 0 };
  const concurrency = options.concurrency ?? DEFAULT_ROTATE_KEYS_OPTIONS.concurrency;
  for (const kind of options.kinds ?? DEFAULT_ROTATE_KEYS_OPTIONS.kinds) {
    const names = await store.list(kind.prefix);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++]!;
        try {
          const outcome = await resealOne(store, cipher, kind, name);
          counts[outcome]++;
          if (outcome === 'resealed') options.onResealed?.(name);
        } catch (err) {
          counts.failed++;
          // Blob names of state items hold conversation and user ids: name the kind, and ids only of cases and hand-offs.
          const id = kind.prefix === 'state/' ? undefined : name.slice(kind.prefix.length).replace(/\.json$/, '');
          options.logger.error('blob not re-sealed; left as it was', { kind: kind.prefix, id, code: errorCodeOf(err), ...errorFields(err) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, names.length)) }, worker));
  }
  return counts;
}

async function resealOne(store: JsonBlobStore, cipher: NoteCipher, kind: SealedBlobKind, name: string): Promise<BlobOutcome> {
  try {
    return await retryOnConflict(async () => {
      const found = await store.get<Record<string, unknown> & { sealed?: Sealed }>(name);
      if (!found) return 'gone';
      const sealed = found.value.sealed;
      // Nothing sealed in it (state stored without a cipher): there is nothing to re-seal.
      if (!sealed || cipher.isCurrent(sealed)) return 'current';
      await store.put(name, { ...found.value, sealed: cipher.reseal(sealed, kind.aadOf(name)) }, { ifMatch: found.etag });
      return 'resealed';
    });
  } catch (err) {
    // Deleted between the read and the conditional write.
    if (isAppError(err, 'STORAGE_NOT_FOUND')) return 'gone';
    throw err;
  }
}
