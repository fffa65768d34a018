import { GPTTokenizer, OpenAIModel, Prompt, TextSection, type Memory, type PromptCompletionModel } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { AnswerPhraser, PhraseRequest } from '../knowledge/answer-phraser';

export type ModelSettings =
  | { readonly provider: 'openai'; readonly apiKey: string; readonly model: string }
  | { readonly provider: 'azure'; readonly apiKey: string; readonly endpoint: string; readonly deployment: string };

/** The teams-ai model for the configured provider (OpenAI or Azure OpenAI). */
export function createCompletionModel(settings: ModelSettings): PromptCompletionModel {
  return settings.provider === 'openai'
    ? new OpenAIModel({ apiKey: settings.apiKey, defaultModel: settings.model, useSystemMessages: true, logRequests: false })
    : new OpenAIModel({
        azureApiKey: settings.apiKey,
        azureEndpoint: settings.endpoint,
        azureDefaultDeployment: settings.deployment,
        useSystemMessages: true,
        logRequests: false,
      });
}

const INSTRUCTIONS: Record<PhraseRequest['language'], string> = {
  sv: 'Du hjälper personal i lokal samverkan mot prostitution och människohandel. Svara kort på svenska på frågan med ENDAST fakta ur källorna nedan. Hitta aldrig på telefonnummer, tidsfrister, lagrum eller steg. Ange källans id inom hakparentes, t.ex. [helplines]. Finns svaret inte i källorna: skriv att rutinen inte täcker det.',
  en: 'You help staff in local cooperation against prostitution and human trafficking. Answer the question briefly in English using ONLY facts from the sources below. Never invent phone numbers, deadlines, legal references or steps. Cite the source id in brackets, e.g. [helplines]. If the sources do not answer it, say the routine does not cover it.',
};

/**
 * An AnswerPhraser on a teams-ai PromptCompletionModel, for one turn.
 * @remarks Every section is a TextSection: the question and the articles are sent as literal text,
 * never rendered as a template, so user text cannot reach template variables.
 */
export function modelAnswerPhraser(model: PromptCompletionModel, context: TurnContext, memory: Memory): AnswerPhraser {
  return {
    async phrase(request) {
      const sources = request.sources.map((s) => `[${s.id}] ${s.title}\n${s.text}`).join('\n\n');
      const prompt = new Prompt([
        new TextSection(`${INSTRUCTIONS[request.language]}\n\n${sources}`, 'system'),
        new TextSection(request.question, 'user'),
      ]);
      const response = await model.completePrompt(context, memory, new Map() as never, new GPTTokenizer(), {
        name: 'samverka-answer',
        prompt,
        config: { schema: 1.1, type: 'completion', completion: { max_tokens: 400, temperature: 0, include_history: false, include_input: false } as never },
      });
      if (response.status !== 'success') throw response.error ?? new Error(`model status ${response.status}`);
      const content = response.message?.content;
      return typeof content === 'string' ? content : '';
    },
  };
}
