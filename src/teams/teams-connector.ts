import type { CloudAdapter, TurnContext } from 'botbuilder';
import { GPTTokenizer, OpenAIModel, Prompt, TextSection, type PromptCompletionModel } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { Turn } from '../conversation/turn';
import { DeliveryError, type Deliverer } from '../forwarding/deliverer';
import type { AnswerPhraser, PhraseRequest } from '../knowledge/answer-phraser';
import { cardActivity, teamsContextOf } from './teams-turn';

/**
 * The Teams edge's outward side: proactive sends (the outbox's Deliverer) and the generative
 * mode's model. Everything here is reached through plain ports (Deliverer, AnswerPhraser).
 */

/** A language model for the generative mode (teams-ai's); tests put in their own. */
export type CompletionModel = PromptCompletionModel;

/** Headers as botbuilder's RestError carries them; kept as the same object, since `get` reads its own map. */
interface ResponseHeaders {
  get(name: string): string | undefined;
}
const isResponseHeaders = (v: unknown): v is ResponseHeaders => typeof v === 'object' && v !== null && 'get' in v && typeof v.get === 'function';

/** What a connector failure tells: an HTTP status, and for 429 the response with Teams' Retry-After. No status: the channel was not reached. */
const ConnectorFailure = z.object({
  statusCode: z.number(),
  // A response without readable headers still has its status.
  response: z.object({ headers: z.custom<ResponseHeaders>(isResponseHeaders) }).optional().catch(undefined),
});

/** Map a connector failure to what the outbox needs: retry or not, and Teams' Retry-After. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const failure = ConnectorFailure.safeParse(err);
  if (!failure.success) return new DeliveryError('UNREACHABLE');
  const status = failure.data.statusCode;
  if (status === 429) {
    const header = failure.data.response?.headers.get('retry-after');
    const seconds = header !== undefined ? Number(header) : NaN;
    return new DeliveryError('THROTTLED', Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  if (status === 404) return new DeliveryError('NOT_FOUND');
  if (status === 401 || status === 403) return new DeliveryError('FORBIDDEN');
  if (status >= 400 && status < 500) return new DeliveryError('REFUSED');
  return new DeliveryError('CHANNEL_FAILED');
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Proactive sends through the bot adapter; a stored reference works after a restart.
 * @remarks `continueConversationAsync` hands an error thrown inside its logic to the adapter's
 * `onTurnError` and then resolves as if all went well. So the logic catches its own error and the
 * send rethrows it here: the outbox sees every failure, and no apology is posted to the target.
 */
export function teamsDeliverer(adapter: CloudAdapter, botAppId: string): Deliverer {
  const run = async <T>(ref: Readonly<Record<string, unknown>>, logic: (context: TurnContext) => Promise<T>): Promise<T> => {
    let outcome = { ok: false, error: new DeliveryError('UNREACHABLE') } as Outcome<T>;
    try {
      await adapter.continueConversationAsync(botAppId, ref, async (context) => {
        try {
          outcome = { ok: true, value: await logic(context) };
        } catch (err) {
          outcome = { ok: false, error: err };
        }
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
    if (!outcome.ok) throw toDeliveryError(outcome.error);
    return outcome.value;
  };
  return {
    async sendCard(ref, card) {
      const activityId = await run(ref, async (context) => (await context.sendActivity(cardActivity(card)))?.id ?? '');
      if (!activityId) throw new DeliveryError('NO_ACTIVITY_ID');
      return { activityId };
    },
    async sendText(ref, text) {
      await run(ref, async (context) => {
        await context.sendActivity(text);
      });
    },
    async updateCard(ref, activityId, card) {
      await run(ref, async (context) => {
        await context.updateActivity({ ...cardActivity(card), id: activityId });
      });
    },
  };
}

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
 * The generative mode's AnswerPhraser for a turn, on a teams-ai PromptCompletionModel (which takes
 * the teams-ai turn the plain turn came from).
 * @remarks Every section is a TextSection: the question and the articles are sent as literal text,
 * never rendered as a template, so user text cannot reach template variables.
 */
export function modelAnswerPhraser(model: PromptCompletionModel): (turn: Turn) => AnswerPhraser {
  return (turn) => ({
    async phrase(request) {
      const teams = teamsContextOf(turn);
      if (!teams) throw new Error('not a Teams turn');
      const sources = request.sources.map((s) => `[${s.id}] ${s.title}\n${s.text}`).join('\n\n');
      const prompt = new Prompt([
        new TextSection(`${INSTRUCTIONS[request.language]}\n\n${sources}`, 'system'),
        new TextSection(request.question, 'user'),
      ]);
      const response = await model.completePrompt(teams.context, teams.state, new Map() as never, new GPTTokenizer(), {
        name: 'samverka-answer',
        prompt,
        config: { schema: 1.1, type: 'completion', completion: { max_tokens: 400, temperature: 0, include_history: false, include_input: false } as never },
      });
      if (response.status !== 'success') throw response.error ?? new Error(`model status ${response.status}`);
      const content = response.message?.content;
      return typeof content === 'string' ? content : '';
    },
  });
}
