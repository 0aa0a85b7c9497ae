import {
  checkRowsOffline,
  parseRecipientsCsv,
  type ColumnMap,
  type ParsedCsv,
  type RowOutcome,
} from "@onchaincert/sdk";

export interface ParseRequest {
  bytes: Uint8Array;
  columns: Partial<Record<keyof ColumnMap, string>>;
  nowSeconds: number;
}

export interface ParseResult {
  csv: ParsedCsv;
  /** The file-only checks per row; empty when the file itself was refused. */
  offline: RowOutcome[];
  ms: number;
}

export function parseCsvAndCheck({ bytes, columns, nowSeconds }: ParseRequest): ParseResult {
  const started = performance.now();
  const csv = parseRecipientsCsv(bytes, columns);
  const offline = csv.error === undefined ? checkRowsOffline(csv.rows, nowSeconds) : [];
  return { csv, offline, ms: performance.now() - started };
}

/** In a Web Worker where the browser has them (always, in the dApp); inline otherwise (unit tests). */
export function parseInBackground(request: ParseRequest): Promise<ParseResult> {
  if (typeof Worker === "undefined") return Promise.resolve(parseCsvAndCheck(request));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<ParseResult>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = (event) => {
      reject(new Error(event.message || "The file could not be read."));
      worker.terminate();
    };
    worker.postMessage(request);
  });
}
