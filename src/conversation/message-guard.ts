import type { Turn } from './turn';
import type { TurnDeps } from './turn-deps';
import { typedLanguage } from './turn-locale';

/**
 * Guards every message before any route: oversized text is refused before it reaches storage, and
 * the language the user writes in becomes the conversation's, for replies to cards and to words
 * both languages share ("status"). A report's answers do not change it: the report keeps its own.
 */
export function messageGuard(deps: TurnDeps, maxTextLength: number): (turn: Turn) => Promise<boolean> {
  return async (turn) => {
    const text = turn.text ?? '';
    if (text.length > maxTextLength) {
      turn.log.warn('message refused: text too long', { length: text.length });
      await turn.send({ text: deps.i18n.t(turn.locale)('common:input.tooLong', { max: maxTextLength }) });
      return false;
    }
    const conversation = turn.state.conversation;
    const typed = conversation.intake ? undefined : typedLanguage(turn.text, deps.i18n.commandWords);
    if (typed && conversation.language !== typed) conversation.language = typed;
    return true;
  };
}
