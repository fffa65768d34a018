import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud on the phone at night must not be misheard. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE = /^K-[2-9A-HJKMNP-Z]{4}$/;

/** A new random case code, e.g. "K-7F3Q" (31^4 ≈ 920 000 codes; uniqueness is checked by the store). */
export function newCaseCode(random: (max: number) => number = randomInt): string {
  let code = 'K-';
  for (let i = 0; i < 4; i++) code += ALPHABET[random(ALPHABET.length)];
  return code;
}

/** Read a code as a user types it ("k7f3q", "K-7F3Q ", "k 7f3q") or undefined if it cannot be one. */
export function normalizeCaseCode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  const code = compact.startsWith('K') ? `K-${compact.slice(1)}` : `K-${compact}`;
  return CODE.test(code) ? code : undefined;
}

/**
 * A stable case id (UUID-shaped) for one submission, e.g. of conversation + draft start: the same
 * submission always gets the same id, which makes storing it idempotent.
 */
export function caseIdFor(submissionKey: string): string {
  const h = createHash('sha256').update(submissionKey).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
