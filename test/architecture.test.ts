import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOMAIN = ['conversation', 'knowledge', 'intake', 'forwarding', 'cards', 'i18n', 'access', 'jobs', 'statistics'];
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

  /**
   * The Teams edge, and nothing else, knows botbuilder and teams-ai: a port to another Teams SDK
   * rewrites these files and keeps the rest (README, "Porting").
   */
  const FRAMEWORK_FILES = [
    'server/adapter.ts', // the Bot Framework adapter and its error handler
    'server/openid-keys.ts', // the token checks: botframework-connector's key extractor
    'server/request-authenticator.ts', // the token checks: botframework-connector's authentication
    'teams/teams-app.ts', // the teams-ai Application running the plain route table
    'teams/teams-connector.ts', // proactive sends and the teams-ai language model
    'teams/teams-turn.ts', // a TurnContext as a plain Turn
  ];

  it('imports the Bot Framework and teams-ai only in the edge files listed here', () => {
    const importers = files('src')
      .filter((f) => /from '(botbuilder[^']*|botframework-[a-z]+[^']*|@microsoft\/teams-ai)'/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative('src', f).split(path.sep).join('/'))
      .sort();
    expect(importers).toEqual([...FRAMEWORK_FILES].sort());
  });

  it('imports restify only in the HTTP edge (server/)', () => {
    const offenders = files('src')
      .filter((f) => /from 'restify'/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative('src', f).split(path.sep).join('/'))
      .filter((f) => !f.startsWith('server/'));
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
