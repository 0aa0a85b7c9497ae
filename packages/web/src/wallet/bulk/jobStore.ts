/**
 * Bulk jobs kept in the browser (localStorage), keyed by chain, registry, type and the file's
 * hash, so reloading the page and choosing the same file resumes the job.
 */
import { issuedRows, type JobKey, type JobState, type JobStore } from "@onchaincert/sdk";

const PREFIX = "occ-bulk:";

interface Saved {
  fileName: string;
  rows: number;
  state: JobState;
}

export function jobId(key: Pick<JobKey, "chainId" | "registry" | "typeId" | "fileHash">): string {
  return `${PREFIX}${key.chainId}:${key.registry.toLowerCase()}:${key.typeId}:${key.fileHash}`;
}

export function browserStore(id: string, fileName: string, rows: number, storage: Storage = localStorage): JobStore {
  return {
    async load() {
      const raw = storage.getItem(id);
      return raw ? (JSON.parse(raw) as Saved).state : undefined;
    },
    async save(state) {
      storage.setItem(id, JSON.stringify({ fileName, rows, state } satisfies Saved));
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
