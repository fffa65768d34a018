import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';

/** An encrypted value as stored: a storage reader sees no personal data. */
export interface Sealed {
  readonly alg: 'A256GCM';
  /**
   * Which key sealed it: the key's id in the ring. Values sealed before key rings carry the first
   * 8 hex of the key's SHA-256 (still how a key without a configured id is named); a value with no
   * id at all is tried with every key of the ring.
   */
  readonly kid?: string;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/** One key of the ring. Without an id, the key is named by its fingerprint (as before key rings). */
export interface NoteKey {
  readonly id?: string;
  readonly key: Buffer;
}

/** A kind of blob that holds a `sealed` field, and what binds each seal to its blob (its AAD). */
export interface SealedBlobKind {
  /** Where these blobs live (a name prefix in the container). */
  readonly prefix: string;
  /** The additional authenticated data the value was sealed with, from the blob's name. */
  aadOf(name: string): string;
}

/** A key id: letters, digits, `.`, `_` and `-`, at most 40 characters (it is stored in every blob). */
export const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;

/** The id of a key that has none configured: the first 8 hex of its SHA-256 (what every older blob names). */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

interface RingKey {
  readonly id: string;
  readonly fingerprint: string;
  readonly key: Buffer;
}

/**
 * AES-256-GCM for note content with a key ring from the environment (never from storage).
 * @remarks The first key of the ring (the newest) seals; every key of the ring opens what it
 * sealed, so a new key can be put in front and the old data re-sealed at leisure
 * (`npm run keys:rotate`). `aad` binds a sealed value to its blob (the case id): a value copied
 * into another case does not decrypt.
 * @example new NoteCipher([{ id: '2026-01', key: newKey }, { id: '2025-01', key: oldKey }]).seal(note, caseId).kid === '2026-01'
 */
export class NoteCipher {
  private readonly ring: readonly RingKey[];

  /** @param keys the ring, newest first; a single Buffer is a ring of one named by its fingerprint. */
  constructor(keys: Buffer | readonly NoteKey[]) {
    const list = Buffer.isBuffer(keys) ? [{ key: keys }] : keys;
    if (list.length === 0) throw new AppError('CONFIG_INVALID', 'the note key ring is empty');
    this.ring = list.map(({ id, key }) => {
      if (key.length !== 32) throw new AppError('CONFIG_INVALID', 'a note encryption key must be 32 bytes');
      if (id !== undefined && !KEY_ID.test(id)) throw new AppError('CONFIG_INVALID', `a note key id must match ${KEY_ID.source}`);
      const fingerprint = keyFingerprint(key);
      return { id: id ?? fingerprint, fingerprint, key };
    });
    if (new Set(this.ring.map((k) => k.id)).size !== this.ring.length) throw new AppError('CONFIG_INVALID', 'two note keys have the same id');
  }

  /** The id of the key that seals (the newest). */
  get currentKeyId(): string {
    return this.ring[0]!.id;
  }

  /** Every key id of the ring, newest first. */
  get keyIds(): readonly string[] {
    return this.ring.map((k) => k.id);
  }

  /** Sealed under the newest key (nothing to re-seal). */
  isCurrent(sealed: Sealed): boolean {
    return sealed.kid === this.currentKeyId;
  }

  seal(value: unknown, aad: string): Sealed {
    return this.sealBytes(Buffer.from(JSON.stringify(value), 'utf8'), aad);
  }

  open<T>(sealed: Sealed, aad: string): T {
    return JSON.parse(this.openBytes(sealed, aad).toString('utf8')) as T;
  }

  /** The same plaintext, byte for byte, sealed again under the newest key. */
  reseal(sealed: Sealed, aad: string): Sealed {
    return this.sealBytes(this.openBytes(sealed, aad), aad);
  }

  private sealBytes(plain: Buffer, aad: string): Sealed {
    const { id, key } = this.ring[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(aad));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { alg: 'A256GCM', kid: id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  private openBytes(sealed: Sealed, aad: string): Buffer {
    // By id; then by fingerprint (values sealed before the key had an id); no id at all: any key.
    const candidates = sealed.kid === undefined ? this.ring : this.ring.filter((k) => k.id === sealed.kid || k.fingerprint === sealed.kid);
    if (candidates.length === 0) throw new AppError('STORAGE_CORRUPT', `sealed with a key that is not configured (${String(sealed.kid).slice(0, 40)})`);
    let failure: unknown;
    for (const { key } of candidates) {
      try {
        return decrypt(key, sealed, aad);
      } catch (err) {
        failure = err;
      }
    }
    throw new AppError('STORAGE_CORRUPT', 'sealed value does not decrypt (tampered, or wrong key)', { cause: failure });
  }
}

function decrypt(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  // A shortened tag would make forgeries cheap: insist on the full 96-bit IV and 128-bit tag.
  if (iv.length !== 12 || tag.length !== 16) throw new Error('bad iv or tag length');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
}
