import { odata, RestError, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { CASE_CATEGORIES, type Case } from '../forwarding/case';
import { isOpenStatus, summaryOf, type CaseIndex, type CaseSummary } from '../forwarding/case-index';
import { retryOnConflict } from '../retry';
import { AppError } from '../errors';
import { toStorageError } from './json-blob-store';

/** The columns of a row: a case summary (ids, status, urgency; no note content, so nothing to seal). */
interface Row {
  partitionKey: string;
  rowKey: string;
  caseId: string;
  code: string;
  status: string;
  urgency: string;
  category: string;
  createdAt: string;
  updatedAt: string;
  levelAt: string;
  targets: string;
  assignee?: string;
  municipality?: string;
  isOpen: boolean;
  awaiting: boolean;
}

const OPEN = 'open';
const BULK_PAGE = 1_000;

/** The two tables of the index: the work (open cases) and the archive (closed ones). */
export interface CaseIndexTables {
  open: TableClient;
  closed: TableClient;
}

/**
 * The case index on Azure Table Storage: one row per case, each with its own ETag, so fifty
 * reporters submitting at once write fifty rows instead of fighting over one document.
 * - Partition `open`, row = case id: every case that is open, plus a closed case's tombstone for a
 *   day (so that a late, older snapshot cannot bring it back), then pruned. Lists and the
 *   escalation check query this partition only, so they cost what is open, not what was ever stored.
 * - A second table, the archive: closed and withdrawn cases, partition = month closed (`2026-11`),
 *   row = `<updatedAt>|<id>`, so retention reads only the ones past their time. History lives in its
 *   own table, not in a partition of the first, because a table's cost to query can grow with
 *   everything in it (Azurite's does: it scans the whole table), and the passes must cost what is
 *   open, however much was ever stored.
 */
export class TableCaseIndex implements CaseIndex {
  private ready: Promise<void> | undefined;

  private readonly table: TableClient;
  private readonly archive: TableClient;

  constructor(
    tables: CaseIndexTables,
    /** Told (with the row key only) about a row that does not parse; the list goes on without it. */
    private readonly onDamagedRow: (rowKey: string) => void = () => undefined,
  ) {
    this.table = tables.open;
    this.archive = tables.closed;
  }

  private ensureTable(): Promise<void> {
    this.ready ??= Promise.all([this.table.createTable(), this.archive.createTable()]).then(
      () => undefined,
      (err: unknown) => {
        this.ready = undefined;
        throw toStorageError(err, 'create index/');
      },
    );
    return this.ready;
  }

  async put(c: Case): Promise<void> {
    await this.ensureTable();
    const s = summaryOf(c);
    const open = isOpenStatus(s.status);
    // A case just received has no row yet: try to create it straight away (one round trip).
    if (s.status === 'received' && (await this.tryCreate(toRow(OPEN, s.id, s)))) return;
    await retryOnConflict(async () => {
      const current = await this.get(OPEN, s.id);
      if (current && current.updatedAt >= s.updatedAt) return; // a newer (or the same) snapshot is there
      const row = toRow(OPEN, s.id, s);
      await this.write(() => (current ? this.table.updateEntity(row, 'Replace', { etag: current.etag }) : this.table.createEntity(row)));
    });
    if (!open) await this.write(() => this.archive.upsertEntity(closedRow(s), 'Replace'));
  }

  open(): Promise<CaseSummary[]> {
    return this.query(odata`PartitionKey eq ${OPEN} and isOpen eq true`);
  }

  awaiting(): Promise<CaseSummary[]> {
    return this.query(odata`PartitionKey eq ${OPEN} and awaiting eq true`);
  }

  closedBefore(cutoff: Date, max: number): Promise<CaseSummary[]> {
    const at = cutoff.toISOString();
    return this.query(odata`PartitionKey le ${monthOf(at)} and RowKey lt ${at}`, max, this.archive);
  }

  /**
   * Every case created in [start, end), open or closed (statistics): the open cases, and the archive
   * from the month `start` falls in (a case is archived when it closes, which is after it was
   * created). A case reopened since it was archived can be in both; it is listed once, as it is open.
   */
  async createdBetween(start: Date, end: Date): Promise<CaseSummary[]> {
    const from = start.toISOString();
    const to = end.toISOString();
    const open = await this.query(odata`PartitionKey eq ${OPEN} and isOpen eq true and createdAt ge ${from} and createdAt lt ${to}`);
    const closed = await this.query(odata`PartitionKey ge ${monthOf(from)} and createdAt ge ${from} and createdAt lt ${to}`, Infinity, this.archive);
    const byId = new Map(closed.map((s) => [s.id, s]));
    for (const s of open) byId.set(s.id, s);
    return [...byId.values()];
  }

  async forget(s: CaseSummary): Promise<void> {
    await this.ensureTable();
    await this.remove(monthOf(s.updatedAt), `${s.updatedAt}|${s.id}`, undefined, this.archive);
    const current = await this.get(OPEN, s.id);
    if (current && !current.isOpen) await this.remove(OPEN, s.id, current.etag);
  }

  async drop(caseId: string): Promise<void> {
    await this.ensureTable();
    await this.remove(OPEN, caseId);
  }

  async prune(cutoff: Date): Promise<number> {
    const gone = await this.query(odata`PartitionKey eq ${OPEN} and isOpen eq false and updatedAt lt ${cutoff.toISOString()}`);
    for (const s of gone) {
      const current = await this.get(OPEN, s.id);
      if (current && !current.isOpen) await this.remove(OPEN, s.id, current.etag);
    }
    return gone.length;
  }

  private async query(filter: string, max = Infinity, table = this.table): Promise<CaseSummary[]> {
    await this.ensureTable();
    const out: CaseSummary[] = [];
    try {
      for await (const page of table.listEntities<Row>({ queryOptions: { filter } }).byPage({ maxPageSize: BULK_PAGE })) {
        for (const row of page) {
          if (out.length >= max) return out;
          // One damaged row is reported and skipped; it must not take a whole list or pass down.
          const summary = ROW.safeParse(row).success ? fromRow(row) : undefined;
          if (summary) out.push(summary);
          else this.onDamagedRow(row.rowKey);
        }
      }
    } catch (err) {
      throw toStorageError(err, 'read index/');
    }
    return out;
  }

  private async get(partition: string, rowKey: string): Promise<(CaseSummary & { etag: string; isOpen: boolean }) | undefined> {
    try {
      const row = await this.table.getEntity<Row>(partition, rowKey);
      return { ...fromRow(row), etag: row.etag, isOpen: row.isOpen };
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw toStorageError(err, 'read index/');
    }
  }

  private async remove(partition: string, rowKey: string, etag?: string, table = this.table): Promise<void> {
    try {
      await table.deleteEntity(partition, rowKey, etag ? { etag } : {});
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 404 || err.statusCode === 412)) return;
      throw toStorageError(err, 'delete index/');
    }
  }

  private async tryCreate(row: Row): Promise<boolean> {
    try {
      await this.table.createEntity(row);
      return true;
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 409) return false;
      throw toStorageError(err, 'write index/');
    }
  }

  private async write(op: () => Promise<unknown>): Promise<void> {
    try {
      await op();
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) {
        throw new AppError('STORAGE_CONFLICT', 'write index/…: changed by someone else', { cause: err });
      }
      throw toStorageError(err, 'write index/');
    }
  }
}

/** The row a closed case has in the archive table (bulk loads, e.g. importing history, write these). */
export function closedRow(s: CaseSummary): Row {
  return toRow(monthOf(s.updatedAt), `${s.updatedAt}|${s.id}`, s);
}

/** The archive partition of an ISO time: its month, `2026-11`. */
function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

function toRow(partitionKey: string, rowKey: string, s: CaseSummary): Row {
  const open = isOpenStatus(s.status);
  return {
    partitionKey,
    rowKey,
    caseId: s.id,
    code: s.code,
    status: s.status,
    urgency: s.urgency,
    category: s.category,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    levelAt: s.levelAt,
    targets: JSON.stringify(s.targets),
    ...(s.assignee ? { assignee: s.assignee } : {}),
    ...(s.municipality ? { municipality: s.municipality } : {}),
    isOpen: open,
    awaiting: s.status === 'received' || s.status === 'delivered',
  };
}

const ROW = z.object({
  caseId: z.string(),
  code: z.string(),
  status: z.enum(['received', 'delivered', 'acknowledged', 'taken', 'closed', 'withdrawn']),
  urgency: z.enum(['P1', 'P2', 'P3', 'P4']),
  category: z.enum(CASE_CATEGORIES),
  createdAt: z.string(),
  updatedAt: z.string(),
  levelAt: z.string(),
  targets: z.string().transform((text, ctx) => {
    try {
      return z.array(z.string()).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'targets is not a JSON list of ids' });
      return z.NEVER;
    }
  }),
  assignee: z.string().optional(),
  municipality: z.string().optional(),
});

/** A row as a summary; a row that does not parse is storage damage (STORAGE_CORRUPT), never guessed at. */
function fromRow(row: Row): CaseSummary {
  const parsed = ROW.safeParse(row);
  if (!parsed.success) throw new AppError('STORAGE_CORRUPT', 'a case index row does not parse');
  const r = parsed.data;
  return {
    id: r.caseId,
    code: r.code,
    status: r.status,
    urgency: r.urgency,
    category: r.category,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    levelAt: r.levelAt,
    targets: r.targets,
    ...(r.assignee ? { assignee: r.assignee } : {}),
    ...(r.municipality ? { municipality: r.municipality } : {}),
  };
}
