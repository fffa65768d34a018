/** Where to reach a person privately (their personal chat with the bot), by Entra ID object id. */
export interface PersonAddressStore {
  get(aadObjectId: string): Promise<Readonly<Record<string, unknown>> | undefined>;
  set(aadObjectId: string, conversationRef: Readonly<Record<string, unknown>>): Promise<void>;
}
