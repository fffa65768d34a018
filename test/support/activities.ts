/** Teams-shaped activities for tests that post straight to /api/messages with deliveryMode expectReplies. */
export interface ActivityOptions {
  conversationId?: string;
  locale?: string;
  userId?: string;
  /** Entra ID object id of the sender (default: someone the directory does not know, i.e. a partner). */
  aadObjectId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
}

let counter = 0;

function base(type: string, o: ActivityOptions): Record<string, unknown> {
  counter++;
  return {
    type,
    id: `act-${counter}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/unused/',
    deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(),
    locale: o.locale ?? 'sv-SE',
    conversation: { id: o.conversationId ?? `conv-${counter}`, conversationType: o.conversationType ?? 'personal', tenantId: 'tenant-1' },
    from: { id: o.userId ?? 'user-1', aadObjectId: o.aadObjectId ?? '00000000-0000-0000-0000-000000000001' },
    recipient: { id: 'bot-1' },
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

export function messageActivity(text: string, o: ActivityOptions = {}): Record<string, unknown> {
  return { ...base('message', o), text, textFormat: 'plain' };
}

export function installActivity(o: ActivityOptions = {}): Record<string, unknown> {
  return { ...base('conversationUpdate', o), membersAdded: [{ id: 'bot-1' }] };
}

/** POST an activity and return the bot's replies (expectReplies puts them in the response body). */
export async function postActivity(baseUrl: string, activity: Record<string, unknown>): Promise<{ status: number; replies: { type: string; text?: string; attachments?: unknown[] }[] }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as { activities?: { type: string; text?: string }[] }) : {};
  // Typing indicators (sent while a turn takes a moment) carry nothing to assert on.
  return { status: res.status, replies: (body.activities ?? []).filter((a) => a.type !== 'typing') };
}

/** An Action.Submit from a card, as Teams sends it: a message with `value` and no text. */
export function submitActivity(value: Record<string, unknown>, o: ActivityOptions = {}): Record<string, unknown> {
  return { ...base('message', o), value, replyToId: 'card-1' };
}

/** The Adaptive Card content of a reply, if any. */
export function cardOf(reply: { attachments?: unknown[] } | undefined): Record<string, unknown> | undefined {
  const a = reply?.attachments?.[0] as { contentType?: string; content?: Record<string, unknown> } | undefined;
  return a?.contentType === 'application/vnd.microsoft.card.adaptive' ? a.content : undefined;
}
