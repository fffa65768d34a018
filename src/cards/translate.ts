/** What card builders need from i18n: a translator already fixed to the user's language. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
