/** A directory target bound to a Teams conversation (a channel, or a coordinator's personal chat). */
export interface TargetLink {
  readonly targetId: string;
  /** Conversation reference with ids only (opaque to the domain). */
  readonly conversationRef: Readonly<Record<string, unknown>>;
  /** Who linked it (Entra ID object id) and when. */
  readonly linkedBy: string;
  readonly linkedAt: string;
}

export interface TargetLinkStore {
  get(targetId: string): Promise<TargetLink | undefined>;
  set(link: TargetLink): Promise<void>;
}
