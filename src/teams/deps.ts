import type { SupportedLocale } from '../config';
import type { I18n } from '../i18n/create-i18n';
import type { PersonAddressStore } from '../forwarding/people';
import type { Logger } from '../log';

/** What the Teams edge needs from the composition root. Capabilities are added here as they arrive. */
export interface TeamsDeps {
  readonly i18n: I18n;
  readonly logger: Logger;
  readonly defaultLocale: SupportedLocale;
  /** Longest message text accepted from a user, in characters. */
  readonly maxTextLength: number;
  /** Personal-chat addresses, kept when someone installs the bot (to reach administrators). */
  readonly people?: PersonAddressStore;
}
