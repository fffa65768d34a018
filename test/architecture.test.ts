import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOMAIN = ['knowledge', 'intake', 'forwarding', 'cards', 'i18n', 'access', 'jobs', 'statistics'];
const FRAMEWORK = /from '(botbuilder[^']*|@microsoft\/teams-ai|restify|@azure\/[^']*)'/;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture', () => {
  it('keeps the domain folders free of botbuilder, teams-ai, restify and Azure imports', () => {
    const offenders = DOMAIN.flatMap((d) => files(path.join('src', d)))
      .filter((f) => FRAMEWORK.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative('.', f));
    expect(offenders).toEqual([]);
  });

  it('imports the Bot Framework, teams-ai and restify only at the edge (teams/, server/, bot state, the composition root)', () => {
    const EDGE = (f: string) => f.startsWith('teams/') || f.startsWith('server/') || f === 'storage/blob-bot-storage.ts' || f === 'index.ts';
    const offenders = files('src')
      .filter((f) => /from '(botbuilder[^']*|botframework-[a-z]+|@microsoft\/teams-ai|restify)'/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative('src', f).split(path.sep).join('/'))
      .filter((f) => !EDGE(f));
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in config.ts (and the composition root passes it on)', () => {
    const offenders = files('src')
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative('src', f))
      .filter((f) => f !== 'config.ts');
    expect(offenders).toEqual([]);
  });

  it('imports the Azure SDKs (blobs, queues, tables) only under storage/', () => {
    const offenders = files('src')
      .filter((f) => /from '@azure\//.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative('src', f))
      .filter((f) => !f.startsWith('storage'));
    expect(offenders).toEqual([]);
  });
});
