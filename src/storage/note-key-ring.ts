import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';
import type { Logger } from '../log';
import { PROJECT_ROOT } from '../paths';
import type { NoteKey } from './note-cipher';

/**
 * The note key ring, newest first: the configured keys, or (a local run without any; config
 * refuses that in production) a generated key kept beside the local data.
 */
export function noteKeyRing(config: AppConfig, logger: Logger): readonly NoteKey[] {
  if (config.noteKeys) return config.noteKeys;
  const file = path.join(PROJECT_ROOT, '.data', 'note-encryption.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    logger.warn('generated a local note encryption key (APP_ENV=local only)');
  }
  return [{ key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64') }];
}
