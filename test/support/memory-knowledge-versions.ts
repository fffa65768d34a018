import { AppError } from '../../src/errors';
import type { CurrentKnowledgeVersion, CurrentPointer, KnowledgeVersion, KnowledgeVersionInfo, KnowledgeVersionStore } from '../../src/knowledge/knowledge-versions';

/**
 * The version store in memory, with the blob store's rules (create-only versions, ETag-guarded
 * pointer), and counters and a switch for failures so tests can see what a check costs.
 */
export class MemoryKnowledgeVersions implements KnowledgeVersionStore {
  readonly versions = new Map<number, KnowledgeVersion>();
  pointer: CurrentPointer | undefined;
  private etags = 0;
  /** Reads of whole versions, and pointer reads that returned a body. */
  readonly reads = { versions: 0, pointerBodies: 0, pointerChecks: 0 };
  /** While set, every call fails as unreachable storage does. */
  unavailable = false;

  private check(): void {
    if (this.unavailable) throw new AppError('STORAGE_UNAVAILABLE', 'read kb/…: storage unavailable');
  }

  async add(version: Omit<KnowledgeVersion, 'number'>): Promise<KnowledgeVersionInfo> {
    this.check();
    const number = Math.max(0, ...this.versions.keys()) + 1;
    this.versions.set(number, structuredClone({ ...version, number }));
    const { files: _files, ...info } = version;
    return { ...info, number };
  }

  async get(number: number): Promise<KnowledgeVersion | undefined> {
    this.check();
    this.reads.versions++;
    const v = this.versions.get(number);
    return v && structuredClone(v);
  }

  async list(): Promise<KnowledgeVersionInfo[]> {
    this.check();
    return [...this.versions.values()].sort((a, b) => a.number - b.number).map(({ files: _files, ...info }) => info);
  }

  async current(): Promise<CurrentPointer | undefined> {
    this.check();
    if (this.pointer) this.reads.pointerBodies++;
    return this.pointer;
  }

  async currentIfChanged(etag: string | undefined): Promise<CurrentPointer | undefined | 'unchanged'> {
    this.check();
    this.reads.pointerChecks++;
    if (etag !== undefined && this.pointer?.etag === etag) return 'unchanged';
    return this.current();
  }

  async setCurrent(pointer: CurrentKnowledgeVersion, etag: string | undefined): Promise<string> {
    this.check();
    if (etag === undefined ? this.pointer !== undefined : this.pointer?.etag !== etag) throw new AppError('STORAGE_CONFLICT', 'write kb/…: changed by someone else (412)');
    this.pointer = { pointer: { ...pointer }, etag: `"m${++this.etags}"` };
    return this.pointer.etag;
  }

  /** Remove the pointer, as an operator deleting kb/current.json would. */
  clearPointer(): void {
    this.pointer = undefined;
  }
}
