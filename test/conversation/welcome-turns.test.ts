import { describe, expect, it } from 'vitest';
import { welcome, welcomeRoutes } from '../../src/conversation/welcome-turns';
import { recordingTurn, sayTo, turnDeps } from '../support/recording-turn';

describe('welcome turns', () => {
  it('welcomes once installed and keeps a personal chat’s address for the person', async () => {
    const people = new Map<string, Readonly<Record<string, unknown>>>();
    const deps = turnDeps({ people: { get: async (id) => people.get(id), set: async (id, ref) => void people.set(id, ref) } });
    const turn = recordingTurn({ aadObjectId: 'aad-1', conversationId: 'a:chat' });
    await welcome(deps)(turn);
    expect(turn.texts()[0]).toContain(deps.i18n.t('en')('common:welcome.greeting'));
    expect(people.get('aad-1')).toEqual({ conversation: { id: 'a:chat' } });
    expect(turn.state.conversation.welcomedAt).toBeDefined();
  });

  it('switches the language on "svenska" for the user and this conversation', async () => {
    const deps = turnDeps();
    const turn = recordingTurn({ text: 'svenska' });
    await sayTo(welcomeRoutes(deps), turn);
    expect(turn.state).toEqual({ conversation: { language: 'sv' }, user: { locale: 'sv' } });
    expect(turn.texts()).toEqual([deps.i18n.t('sv')('common:language.changed')]);
  });
});
