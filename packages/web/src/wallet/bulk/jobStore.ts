/**
 * Bulk jobs kept in the browser (localStorage), keyed by chain, registry, type and the file's
 * hash, so reloading the page and choosing the same file resumes the job.
 */
import { issuedRows, type JobKey, type JobState, type JobStore } from "@onchaincert/sdk";

const PREFIX = "occ-bulk:";

/** What a job's file held when it was last checked: rows that were invalid, and already held by others. */
export interface JobCounts {
  invalid: number;
  heldElsewhere: number;
}

interface Saved {
  fileName: string;
  rows: number;
  /** Absent in jobs saved before counts were kept. */
  counts?: JobCounts;
  state: JobState;
}

export function jobId(key: Pick<JobKey, "chainId" | "registry" | "typeId" | "fileHash">): string {
  return `${PREFIX}${key.chainId}:${key.registry.toLowerCase()}:${key.typeId}:${key.fileHash}`;
}

export function browserStore(
  id: string,
  fileName: string,
  rows: number,
  counts?: JobCounts,
  storage: Storage = localStorage,
): JobStore {
  return {
    async load() {
      const raw = storage.getItem(id);
      return raw ? (JSON.parse(raw) as Saved).state : undefined;
    },
    async save(state) {
      // A store made before the counts are known (checking the file) keeps those saved earlier.
      const kept = counts ?? (JSON.parse(storage.getItem(id) ?? "null") as Saved | null)?.counts;
      storage.setItem(id, JSON.stringify({ fileName, rows, counts: kept, state } satisfies Saved));
    },
  };
}

export interface SavedJob {
  id: string;
  fileName: string;
  rows: number;
  typeId: string;
  startedAt: string;
  issued: number;
  counts?: JobCounts;
}

/**
 * A saved job in a few words: "complete: 4 issued, 3 invalid" once every row is issued, invalid or
 * already held by someone else; "4 of 7 rows issued" while rows remain (or for jobs saved
 * without counts).
 */
export function jobSummary(job: Pick<SavedJob, "rows" | "issued" | "counts">): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const c = job.counts;
  if (c && job.issued + c.invalid + c.heldElsewhere >= job.rows) {
    return (
      `complete: ${n(job.issued)} issued, ${n(c.invalid)} invalid` +
      (c.heldElsewhere ? `, ${n(c.heldElsewhere)} already held` : "")
    );
  }
  return `${n(job.issued)} of ${n(job.rows)} rows issued`;
}

/** Jobs saved on this chain and registry, newest first, with how many rows they issued. */
export function savedJobs(chainId: number, registry: string, storage: Storage = localStorage): SavedJob[] {
  const prefix = `${PREFIX}${chainId}:${registry.toLowerCase()}:`;
  const jobs: SavedJob[] = [];
  for (let i = 0; i < storage.length; i++) {
    const id = storage.key(i)!;
    if (!id.startsWith(prefix)) continue;
    try {
      const saved = JSON.parse(storage.getItem(id)!) as Saved;
      jobs.push({
        id,
        fileName: saved.fileName,
        rows: saved.rows,
        typeId: saved.state.key.typeId,
        startedAt: saved.state.startedAt,
        issued: issuedRows(saved.state).size,
        counts: saved.counts,
      });
    } catch {
      // Not ours or damaged: leave it alone.
    }
  }
  return jobs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export function forgetJob(id: string, storage: Storage = localStorage): void {
  storage.removeItem(id);
}
