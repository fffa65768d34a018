/**
 * Fold typed text for matching: lower case, no diacritics (å → a), no quotes or apostrophes, plain
 * hyphens for dashes, no trailing full stop or exclamation mark, single spaces.
 * @example normalizeForMatch(' Vet  INTE! ') === 'vet inte'; normalizeForMatch('Igår') === 'igar'
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´"”“]/g, '')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '')
    .trim();
}
