/**
 * Runs tasks one at a time per key (a conversation id), in arrival order.
 * @remarks teams-ai saves turn state optimistically: two turns of one conversation running at once
 * would race on the same state blob. Serialising them in-process removes the common case; the ETag
 * guard in BlobBotStorage catches the rest (several instances).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}
