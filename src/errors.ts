/**
 * The one catalogue of fault codes. Expected outcomes (no answer, invalid field) are values,
 * not errors; an AppError means something went wrong that the user or an operator must know.
 * Every code has a user-facing apology under `common:error.<code>` in every locale (tested).
 */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'STORAGE_UNAVAILABLE',
  'STORAGE_CONFLICT',
  'STORAGE_NOT_FOUND',
  'STORAGE_CORRUPT',
  'STORAGE_KEY_MISMATCH',
  'EMBEDDED_STORAGE_FAILED',
  'KB_INVALID',
  'INTAKE_FORM_INVALID',
  'FORWARD_DIRECTORY_INVALID',
  'TURN_INVALID_ACTIVITY',
  'TURN_TEXT_TOO_LONG',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The code of any thrown value: an AppError's own, otherwise INTERNAL. */
export function errorCodeOf(err: unknown): ErrorCode {
  return err instanceof AppError ? err.code : 'INTERNAL';
}

export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
