import type { PromptCompletionModel, PromptTemplate } from '@microsoft/teams-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, messageActivity, postActivity } from '../support/activities';

/** A coordinator in the example directory: reads staff routines too. */
const MEGAN_AAD = '00000000-0000-0000-0000-0000000000021';
import { freshContainers } from '../support/azurite';
import { startTestBot } from '../support/bot';

/** A fake at teams-ai's model interface: records what it was sent and replies with a scripted text. */
function fakeModel() {
  const calls: { system: string; user: string }[] = [];
  let reply = '';
  const model: PromptCompletionModel = {
    async completePrompt(_context, _memory, _functions, _tokenizer, template: PromptTemplate) {
      const sections = (template.prompt as unknown as { sections: { text: string; role: string }[] }).sections;
      calls.push({ system: sections.find((s) => s.role === 'system')?.text ?? '', user: sections.find((s) => s.role === 'user')?.text ?? '' });
      return { status: 'success', message: { role: 'assistant', content: reply } };
    },
  };
  return { model, calls, say: (text: string) => (reply = text) };
}

describe('generative answers behind the fact guard', () => {
  const fake = fakeModel();
  let bot: Awaited<ReturnType<typeof startTestBot>>;

  beforeAll(async () => {
    const c = await freshContainers('gen');
    bot = await startTestBot(c.connectionString, c.name, { ANSWER_MODE: 'generative', OPENAI_API_KEY: 'test-key' }, { completionModel: fake.model });
  });
  afterAll(() => bot.stop());

  const ask = async (q: string) => JSON.stringify(cardOf((await postActivity(bot.baseUrl, messageActivity(q, { locale: 'en-US', aadObjectId: MEGAN_AAD }))).replies[0]));

  it('sends the model only the question and the retrieved routine', async () => {
    fake.say('The reflection period is 30 days [reflection-period].');
    await ask('How long is the reflection period?');
    const call = fake.calls.at(-1)!;
    expect(call.user).toBe('How long is the reflection period?');
    expect(call.system).toContain('[reflection-period]');
    expect(call.system).toContain('ONLY facts from the sources');
  });

  it('shows a grounded phrased answer, marked as AI, above the routine', async () => {
    fake.say('The reflection period is 30 days [reflection-period].');
    const card = await ask('How long is the reflection period?');
    expect(card).toContain('The reflection period is 30 days [reflection-period].');
    expect(card).toContain('Summarised by AI');
    expect(card).toContain('Sources');
  });

  it('replaces an answer with an invented number by the plain routine', async () => {
    fake.say('The reflection period is 90 days; call 020-99 99 99.');
    const card = await ask('How long is the reflection period?');
    expect(card).not.toContain('90 days');
    expect(card).not.toContain('020-99 99 99');
    expect(card).not.toContain('Summarised by AI');
    expect(card).toContain('30 days');
  });
});
