import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { keyFingerprint, NoteCipher, type Sealed } from '../../src/storage/note-cipher';

const OLD = Buffer.alloc(32, 11);
const NEW = Buffer.alloc(32, 22);
const NOTE = { observations: 'Man i röd jacka vid rum 214', email: 'anna.andersson@example.se' };

describe('NoteCipher key ring', () => {
  it('seals under the newest key, names it in the kid header, and opens with every key of the ring', () => {
    const ring = new NoteCipher([{ id: '2026-06', key: NEW }, { id: '2025-01', key: OLD }]);
    const sealed = ring.seal(NOTE, 'case-1');
    expect(sealed.kid).toBe('2026-06');
    expect(ring.isCurrent(sealed)).toBe(true);
    // The header holds the key id and ciphertext only.
    expect(JSON.stringify(sealed)).not.toMatch(/röd jacka|anna|example\.se/);
    expect(ring.open(sealed, 'case-1')).toEqual(NOTE);

    const byOld = new NoteCipher([{ id: '2025-01', key: OLD }]).seal(NOTE, 'case-1');
    expect(ring.isCurrent(byOld)).toBe(false);
    expect(ring.open(byOld, 'case-1')).toEqual(NOTE);
  });

  it('opens data sealed with the legacy single key after switching to a ring (by the fingerprint every old blob carries)', () => {
    const legacy = new NoteCipher(OLD);
    const sealed = legacy.seal(NOTE, 'case-2');
    expect(sealed.kid).toBe(keyFingerprint(OLD));
    // The old key listed under a new id in NOTE_ENCRYPTION_KEYS ...
    const config = loadConfig({ APP_ENV: 'local', NOTE_ENCRYPTION_KEYS: `new:${NEW.toString('base64')},old:${OLD.toString('base64')}` });
    expect(new NoteCipher(config.noteKeys!).open(sealed, 'case-2')).toEqual(NOTE);
    // ... or kept in NOTE_ENCRYPTION_KEY beside the new ring.
    const both = loadConfig({ APP_ENV: 'local', NOTE_ENCRYPTION_KEYS: `new:${NEW.toString('base64')}`, NOTE_ENCRYPTION_KEY: OLD.toString('base64') });
    const ring = new NoteCipher(both.noteKeys!);
    expect(ring.keyIds).toEqual(['new', keyFingerprint(OLD)]);
    expect(ring.open(sealed, 'case-2')).toEqual(NOTE);
    expect(ring.seal(NOTE, 'case-2').kid).toBe('new');
  });

  it('opens a sealed value that names no key (treated as sealed by some key of the ring)', () => {
    const { kid: _kid, ...noKid } = new NoteCipher(OLD).seal(NOTE, 'case-3');
    expect(new NoteCipher([{ id: 'new', key: NEW }, { key: OLD }]).open(noKid as Sealed, 'case-3')).toEqual(NOTE);
    expect(() => new NoteCipher([{ id: 'new', key: NEW }]).open(noKid as Sealed, 'case-3')).toThrow(expect.objectContaining({ code: 'STORAGE_CORRUPT' }));
  });

  it('refuses a value sealed with a key not in the ring, a tampered value, and a value moved to another blob', () => {
    const ring = new NoteCipher([{ id: 'new', key: NEW }]);
    const foreign = new NoteCipher([{ id: 'gone', key: OLD }]).seal(NOTE, 'case-4');
    expect(() => ring.open(foreign, 'case-4')).toThrow(expect.objectContaining({ code: 'STORAGE_CORRUPT', message: expect.stringContaining('(gone)') }));
    // The right id with the wrong key material (a key replaced under the same name).
    expect(() => new NoteCipher([{ id: 'gone', key: NEW }]).open(foreign, 'case-4')).toThrow(expect.objectContaining({ code: 'STORAGE_CORRUPT' }));
    const sealed = ring.seal(NOTE, 'case-4');
    expect(() => ring.open({ ...sealed, data: Buffer.from('{"observations":"x"}').toString('base64') }, 'case-4')).toThrow(expect.objectContaining({ code: 'STORAGE_CORRUPT' }));
    expect(() => ring.open(sealed, 'case-5')).toThrow(expect.objectContaining({ code: 'STORAGE_CORRUPT' }));
  });

  it('re-seals the same plaintext under the newest key', () => {
    const ring = new NoteCipher([{ id: 'new', key: NEW }, { id: 'old', key: OLD }]);
    const old = new NoteCipher([{ id: 'old', key: OLD }]).seal(NOTE, 'case-6');
    const again = ring.reseal(old, 'case-6');
    expect(again.kid).toBe('new');
    expect(new NoteCipher([{ id: 'new', key: NEW }]).open(again, 'case-6')).toEqual(NOTE);
    expect(() => ring.reseal(old, 'case-7')).toThrow(expect.objectContaining({ code: 'STORAGE_CORRUPT' }));
  });

  it('refuses an empty ring, a short key, a bad id and two keys with one id', () => {
    expect(() => new NoteCipher([])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => new NoteCipher(Buffer.alloc(16))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => new NoteCipher([{ id: 'a b', key: NEW }])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => new NoteCipher([{ id: 'a', key: NEW }, { id: 'a', key: OLD }])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
