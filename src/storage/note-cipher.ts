import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';

/** An encrypted value as stored: a storage reader sees no personal data. */
export interface Sealed {
  readonly alg: 'A256GCM';
  /** Which key sealed it (first 8 hex of the key's SHA-256), so keys can be rotated. */
  readonly kid: string;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/**
 * AES-256-GCM for note content, with a key from the environment (never from storage).
 * @remarks `aad` binds a sealed value to its blob (the case id): a value copied into another case
 * does not decrypt.
 */
export class NoteCipher {
  private readonly kid: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new AppError('CONFIG_INVALID', 'the note encryption key must be 32 bytes');
    this.kid = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  seal(value: unknown, aad: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { alg: 'A256GCM', kid: this.kid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  open<T>(sealed: Sealed, aad: string): T {
    if (sealed.kid !== this.kid) throw new AppError('STORAGE_CORRUPT', `sealed with another key (${sealed.kid})`);
    try {
      const iv = Buffer.from(sealed.iv, 'base64');
      const tag = Buffer.from(sealed.tag, 'base64');
      // A shortened tag would make forgeries cheap: insist on the full 96-bit IV and 128-bit tag.
      if (iv.length !== 12 || tag.length !== 16) throw new Error('bad iv or tag length');
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: 16 });
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    } catch (err) {
      throw new AppError('STORAGE_CORRUPT', 'sealed value does not decrypt (tampered, or wrong key)', { cause: err });
    }
  }
}
