import { sealedState } from './blob-bot-storage';
import { SEALED_CASES } from './blob-case-store';
import type { SealedBlobKind } from './note-cipher';

/** The key-check blob: a known value sealed under the newest key, read at start-up. */
export const SENTINEL_BLOB = 'keys/sentinel.json';
export const SEALED_SENTINEL: SealedBlobKind = { prefix: SENTINEL_BLOB, aadOf: (name) => name };

/**
 * Questions handed off by the first version (`handoffs/<id>.json`): nothing reads them any more
 * (hand-offs are cases now), but they hold a question sealed under the note keys, so rotation keeps
 * them openable until they are deleted.
 */
const SEALED_LEGACY_HANDOFFS: SealedBlobKind = { prefix: 'handoffs/', aadOf: (name) => name.slice('handoffs/'.length, -'.json'.length) };

/** Every kind of blob that holds personal data sealed with the note keys. */
export const SEALED_DATA: readonly SealedBlobKind[] = [SEALED_CASES, SEALED_LEGACY_HANDOFFS, sealedState()];

/**
 * Every sealed blob kind in the container: what `npm run keys:rotate` re-seals. A store that
 * seals a new kind of blob must be added here, or rotation would leave it under the old key.
 */
export const SEALED_BLOBS: readonly SealedBlobKind[] = [...SEALED_DATA, SEALED_SENTINEL];
