/**
 * Recipient spreadsheets in and result spreadsheets out. Parsing is papaparse's (quotes, commas
 * and line breaks inside quotes, CRLF, BOM); this file decides what the columns mean and keeps
 * row numbers as a spreadsheet shows them (the header is row 1).
 */
import Papa from "papaparse";

/** Which column holds what. Indexes into the header; optional columns may be absent. */
export interface ColumnMap {
  /** -1 in a claim-link file, which has no recipients. */
  recipient: number;
  validUntil?: number;
  evidence?: number;
}

export interface CsvRow {
  /** The spreadsheet row number: the header is row 1, the first recipient row 2. */
  row: number;
  /** Every cell of the row as read, in header order (free columns come back in the results). */
  cells: string[];
  recipient: string;
  validUntil: string;
  evidence: string;
  /** Set when the row cannot be used whatever the chain says (wrong number of cells, bad bytes). */
  problem?: string;
}

export type ParsedCsv =
  | { header: string[]; columns: ColumnMap; rows: CsvRow[]; error?: undefined }
  | { header: string[]; columns?: undefined; rows: CsvRow[]; error: string };

/** Header names each column is recognised by (compared lower-case, spaces/underscores/dashes ignored). */
export const COLUMN_NAMES = {
  recipient: ["recipient", "recipientaddress", "address", "wallet", "walletaddress", "holder"],
  validUntil: ["validuntil", "expires", "expiry", "expirydate", "expirationdate"],
  evidence: ["evidence", "evidenceurl", "evidencehash"],
} as const;

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");

/** The index of column `key` (by `wanted`, a header name, or by the names it is recognised by); -1 if none. */
function findColumn(header: readonly string[], key: keyof ColumnMap, wanted: string | undefined): number {
  if (wanted !== undefined) return header.indexOf(wanted);
  const names: readonly string[] = COLUMN_NAMES[key];
  return header.findIndex((h) => names.includes(squash(h)));
}

/** The optional columns (expiry, evidence), by name or `override`. */
function optionalColumns(header: readonly string[], override: Partial<Record<keyof ColumnMap, string>>) {
  const validUntil = findColumn(header, "validUntil", override.validUntil);
  const evidence = findColumn(header, "evidence", override.evidence);
  return { ...(validUntil >= 0 ? { validUntil } : {}), ...(evidence >= 0 ? { evidence } : {}) };
}

/** Finds the columns by their header names; `override` (header names) wins, for a column-mapping UI. */
export function mapColumns(
  header: readonly string[],
  override: Partial<Record<keyof ColumnMap, string>> = {},
): ColumnMap | string {
  const recipient = findColumn(header, "recipient", override.recipient);
  if (recipient < 0) {
    return override.recipient
      ? `There is no column named “${override.recipient}”.`
      : "No recipient column: the header row needs a column named “recipient” (or “address” or “wallet”).";
  }
  return { recipient, ...optionalColumns(header, override) };
}

/**
 * Reads a recipients CSV. Bytes are decoded as UTF-8; a row with bytes that are not UTF-8 gets a
 * problem of its own instead of failing the file. Blank lines are ignored but still counted, so
 * row numbers match the spreadsheet the issuer looks at.
 */
export function parseRecipientsCsv(
  input: string | Uint8Array,
  override: Partial<Record<keyof ColumnMap, string>> = {},
): ParsedCsv {
  return parseTable(input, (header) => mapColumns(header, override), "recipients");
}

/**
 * Reads a claim-link CSV: one row per person, no address column needed (an email, a name, an
 * optional `valid_until` and `evidence`); every column but those two stays off-chain. A column
 * named like a recipient address is read too but not used: the person chooses the address.
 */
export function parseLinksCsv(
  input: string | Uint8Array,
  override: Partial<Record<"validUntil" | "evidence", string>> = {},
): ParsedCsv {
  return parseTable(
    input,
    (header) => {
      for (const [key, name] of Object.entries(override)) {
        if (!header.includes(name)) return `There is no column named “${name}” (for ${key}).`;
      }
      return { recipient: -1, ...optionalColumns(header, override) };
    },
    "people",
  );
}

function parseTable(
  input: string | Uint8Array,
  map: (header: string[]) => ColumnMap | string,
  rowsAre: string,
): ParsedCsv {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8").decode(input);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { header: [], rows: [], error: "The file is empty." };

  // One kind of line end: papaparse takes the first it sees for the whole file, so a file saved
  // with CRLF after its header and LF after (two tools, one file) would read as one long row.
  const parsed = Papa.parse<string[]>(body.replace(/\r\n?/g, "\n"), {
    header: false,
    skipEmptyLines: false,
    newline: "\n",
  });
  const records = parsed.data;
  // A value that opens a quote and never closes it swallows every row after it into one cell:
  // the file is refused whole, rather than some of its rows silently missing. Papaparse says so
  // when the quote never closes; when a later quote happens to close it ("monitor 27",), it does
  // not, and the swallowed rows show as lines with commas inside one value.
  const quote = parsed.errors.find((e) => e.type === "Quotes");
  if (quote) {
    const row = (quote.row ?? 0) + 1;
    return {
      header: (records[0] ?? []).map((h) => h.trim()),
      rows: [],
      error:
        `Row ${row} has a quote (") that does not close where a value ends, so the rows after it cannot be read. ` +
        `A value in quotes must end with a quote followed by a comma or a line break, and a quote inside it is written twice (""). ` +
        "Nothing was read: fix the file and choose it again.",
    };
  }
  const delimiter = parsed.meta.delimiter || ",";
  const runaway = records.findIndex((cells) =>
    cells.some(
      (cell) =>
        cell.includes("\n") &&
        cell
          .split("\n")
          .slice(1)
          .some((line) => line.includes(delimiter)),
    ),
  );
  if (runaway >= 0) {
    return {
      header: (records[0] ?? []).map((h) => h.trim()),
      rows: [],
      error:
        `Row ${runaway + 1} has a value in quotes that runs over several lines with commas in them: a quote (") is ` +
        "probably missing or extra, and the rows after it were read into that value. Nothing was read: fix the file " +
        "and choose it again.",
    };
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const columns = map(header);
  if (typeof columns === "string") return { header, rows: [], error: columns };

  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.every((c) => c.trim() === "")) continue;
    const cell = (index: number | undefined) => (index === undefined || index < 0 ? "" : (cells[index] ?? "").trim());
    const row: CsvRow = {
      row: i + 1,
      cells,
      recipient: cell(columns.recipient),
      validUntil: cell(columns.validUntil),
      evidence: cell(columns.evidence),
    };
    if (cells.length !== header.length) {
      row.problem =
        `The row has ${cells.length} cells but the header has ${header.length}` +
        (cells.length > header.length ? " (a value with a comma needs quotes)." : ".");
    } else if (cells.some((c) => c.includes("\uFFFD"))) {
      row.problem = "The row contains bytes that are not UTF-8 text; save the file as “CSV UTF-8”.";
    }
    rows.push(row);
  }
  if (rows.length === 0) return { header, rows, error: `The file has a header row but no ${rowsAre}.` };
  return { header, columns, rows };
}

/** A cell a spreadsheet would run as a formula: it starts with = + - @, a tab or a carriage return. */
const FORMULA = /^[=+\-@\t\r]/;
const ESCAPED = /^'[=+\-@\t\r]/;

/** The cell as text a spreadsheet shows rather than runs: a leading ' before a formula-looking start. */
export function formulaSafe(cell: string): string {
  return FORMULA.test(cell) ? `'${cell}` : cell;
}

/** What papaparse quotes: a quote, a line break, a comma or a byte-order mark inside, a space at either end. */
const NEEDS_QUOTES = /[\r\n",\ufeff]|^ | $/;

function csvCell(value: string | undefined): string {
  if (value === undefined) return "";
  const safe = formulaSafe(value);
  const escaped = safe.replace(/"/g, '""');
  // Escaped cells are quoted too, as papaparse's own escaping does, so they read as one text value.
  return ESCAPED.test(safe) || NEEDS_QUOTES.test(escaped) ? `"${escaped}"` : escaped;
}

/**
 * A CSV for spreadsheets: every cell quoted when needed, and every cell that a spreadsheet would run
 * as a formula prefixed with ' so it shows as text, line breaks inside the cell or not.
 * (papaparse's own `escapeFormulae` misses cells with a line break: its pattern's `.` stops there.)
 * Written here rather than with Papa.unparse, which gives the same text (test/bulk.test.ts checks
 * it on random cells) but takes seconds for the 80 MB of a 100,000-link results file.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [...toCsvChunks(header, rows)].join("");
}

/**
 * `toCsv` in pieces of `rowsPerChunk` rows, for files too large to hold as one string (a round of
 * a million links makes about 1 GB of CSV; V8's longest string is about 0.5 GB): write each piece
 * as it comes. The pieces joined are exactly `toCsv`'s text.
 */
export function* toCsvChunks(
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  rowsPerChunk = 5_000,
): Generator<string> {
  const head = header.length > 0 ? header.map(csvCell).join(",") : undefined;
  let lines: string[] = head === undefined ? [] : [head];
  let first = true;
  let any = false;
  for (const row of rows) {
    any = true;
    const width = header.length > 0 ? header.length : row.length;
    const cells: string[] = [];
    for (let i = 0; i < width; i++) cells.push(csvCell(row[i]));
    lines.push(row.length === 0 ? "" : cells.join(","));
    if (lines.length >= rowsPerChunk) {
      yield (first ? "" : "\r\n") + lines.join("\r\n");
      first = false;
      lines = [];
    }
  }
  // A header alone ends with a line break, as papaparse writes it.
  if (!any && head !== undefined) yield `${head}\r\n`;
  else if (lines.length > 0) yield (first ? "" : "\r\n") + lines.join("\r\n");
}

/** The downloadable template: the recognised columns, with one example row each way. */
export function csvTemplate(): string {
  return toCsv(
    ["recipient", "valid_until", "evidence", "name (stays off-chain)", "cohort (stays off-chain)"],
    [
      [
        "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
        "",
        "https://lms.example/assessments/4411",
        "Bob Example",
        "2026-A",
      ],
      ["0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "2028-06-30", "", "Carol Example", "2026-A"],
    ],
  );
}
