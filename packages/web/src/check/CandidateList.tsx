import { useMemo, useRef, useState, type DragEvent } from "react";
import { Link } from "wouter";
import {
  candidatesCsv,
  checkCandidates,
  formatCredits,
  isoDate,
  missingSentence,
  parseCandidateList,
  typeLabel,
  type CandidateResult,
  type Requirement,
  type LookAlikes,
  type RequirementNames,
} from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { formatCount, readProblem, shortAddress } from "../format";
import { downloadCsv } from "../wallet/bulk/download";
import { useBatchClient } from "./useBatchClient";

type Filter = "all" | "pass" | "fail" | "bad";
type Sort = "row" | "result" | "address";
const SHOWN = 200;

/**
 * Many candidates: addresses pasted or a CSV dropped (the address column found or chosen), checked
 * at one block with progress and a Stop button; a sortable, filterable table; a formula-safe CSV.
 * Bad rows are listed with why, never dropped.
 */
export function CandidateList({
  ctx,
  req,
  names,
  lookAlikes,
}: {
  ctx: ChainContext;
  req: Requirement;
  names: RequirementNames | undefined;
  /** Issuers whose names look like others' (a credential from one that counts is warned about); undefined until compared. */
  lookAlikes: LookAlikes | undefined;
}) {
  const client = useBatchClient(ctx);
  const [text, setText] = useState("");
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array }>();
  const [column, setColumn] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [run, setRun] = useState<{
    results: CandidateResult[];
    done: number;
    total: number;
    blockNumber?: bigint;
    running: boolean;
    stopped: boolean;
    error?: string;
    /** The requirement these results answer: the table and the file name its parts, not the form's. */
    req: Requirement;
    checkedFor: string;
  }>();
  const [filter, setFilter] = useState<Filter>("all");
  const [sort, setSort] = useState<Sort>("row");
  const [shown, setShown] = useState(SHOWN);
  const stop = useRef<AbortController>(undefined);

  const list = useMemo(() => {
    if (file) return parseCandidateList(file.bytes, column);
    if (text.trim() === "") return undefined;
    return parseCandidateList(text, column);
  }, [file, text, column]);
  const bad = list?.rows.filter((r) => r.error).length ?? 0;

  const choose = async (f: File | undefined) => {
    if (!f) return;
    setColumn(undefined);
    setFile({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    setRun(undefined);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  };

  const start = async () => {
    if (!list || list.error || !client || !ctx.lens || !lookAlikes) return;
    const controller = new AbortController();
    stop.current = controller;
    const total = list.rows.length;
    const checkedFor = JSON.stringify(req, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    setRun({ results: [], done: 0, total, running: true, stopped: false, req, checkedFor });
    setShown(SHOWN);
    // Progress is drawn a few times a second, not once a candidate.
    let done = 0;
    const timer = setInterval(() => setRun((r) => (r && r.running ? { ...r, done } : r)), 150);
    try {
      const out = await checkCandidates(client, ctx.lens, req, list.rows, {
        concurrency: 16,
        signal: controller.signal,
        onResult: (_r, n) => (done = n),
        lookAlikes,
      });
      setRun({
        results: out.results,
        done,
        total,
        blockNumber: out.blockNumber,
        running: false,
        stopped: out.stopped,
        req,
        checkedFor,
      });
    } catch (error) {
      setRun({
        results: [],
        done,
        total,
        running: false,
        stopped: false,
        error: readProblem(error, ctx.rpc),
        req,
        checkedFor,
      });
    } finally {
      clearInterval(timer);
    }
  };

  const rows = useMemo(() => {
    const all = run?.results ?? [];
    const kept = all.filter((r) =>
      filter === "all"
        ? true
        : filter === "pass"
          ? r.check?.pass
          : filter === "fail"
            ? r.check && !r.check.pass
            : !r.check,
    );
    const rank = (r: CandidateResult) => (r.check ? (r.check.pass ? 0 : 1) : 2);
    return [...kept].sort((a, b) =>
      sort === "result"
        ? rank(a) - rank(b) || a.row - b.row
        : sort === "address"
          ? (a.address ?? a.input).toLowerCase().localeCompare((b.address ?? b.input).toLowerCase()) || a.row - b.row
          : a.row - b.row,
    );
  }, [run, filter, sort]);
  const counts = useMemo(() => {
    const all = run?.results ?? [];
    return {
      pass: all.filter((r) => r.check?.pass).length,
      fail: all.filter((r) => r.check && !r.check.pass).length,
      bad: all.filter((r) => !r.check).length,
    };
  }, [run]);
  // The parts of the requirement the results answer (the form may have changed since).
  const shownReq = run?.req ?? req;
  // A "valid on" date before the check: every pass is about that day, and the summary says so.
  const pastDay = run?.results.find((r) => r.check?.past)?.check?.at;
  const typeIds = [...shownReq.allOf, ...shownReq.anyOf.types];
  const stale =
    run &&
    !run.running &&
    run.checkedFor !== JSON.stringify(req, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

  return (
    <div className="panel panel-wide candidates">
      <h2>Many candidates</h2>
      <div className="form">
        <label htmlFor="candidates-text">Paste addresses (one a line)</label>
        <textarea
          id="candidates-text"
          rows={4}
          spellCheck={false}
          value={text}
          disabled={run?.running || Boolean(file)}
          placeholder={"0x…\n0x…"}
          onChange={(e) => {
            setText(e.target.value);
            setRun(undefined);
          }}
        />
        <label htmlFor="candidates-file">or a CSV with any columns</label>
        <div
          className={`dropzone${dragging ? " dragging" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            id="candidates-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            disabled={run?.running}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          {file && (
            <p>
              {file.name}{" "}
              <button
                type="button"
                className="link"
                onClick={() => {
                  setFile(undefined);
                  setRun(undefined);
                }}
              >
                Use pasted addresses instead
              </button>
            </p>
          )}
        </div>
        {list && list.header.length > 0 && (
          <div className="mapping-row">
            <label htmlFor="candidates-column">Address column</label>
            <select
              id="candidates-column"
              value={column ?? (list.column >= 0 ? list.header[list.column] : "")}
              onChange={(e) => {
                setColumn(e.target.value);
                setRun(undefined);
              }}
            >
              {list.column < 0 && <option value="">Choose…</option>}
              {list.header.map((h, i) => (
                <option key={`${i}-${h}`} value={h}>
                  {h || `(column ${i + 1})`}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {list?.error ? (
        <p className="field-error" role="alert">
          {list.error}
        </p>
      ) : (
        list && (
          <p className="hint" role="status">
            {formatCount(list.rows.length)} candidate{list.rows.length === 1 ? "" : "s"}
            {bad > 0 && `, ${formatCount(bad)} with a problem (listed with the results, not checked)`}.
          </p>
        )
      )}
      <div className="button-row">
        <button
          type="button"
          disabled={!list || Boolean(list.error) || run?.running || !lookAlikes}
          onClick={() => void start()}
        >
          Check {list && !list.error ? formatCount(list.rows.length) : ""} candidate
          {list?.rows.length === 1 ? "" : "s"}
        </button>
        {run?.running && (
          <button type="button" className="danger" onClick={() => stop.current?.abort()}>
            Stop
          </button>
        )}
      </div>
      {run && (
        <div className="progress" aria-live="polite">
          <progress max={run.total} value={run.running ? run.done : run.results.length ? run.total : run.done} />
          <p>
            {run.running
              ? `${formatCount(run.done)} of ${formatCount(run.total)} checked…`
              : run.error
                ? `Stopped: ${run.error}`
                : `${run.stopped ? "Stopped after" : "Checked"} ${formatCount(run.done)} of ${formatCount(run.total)} at block ${run.blockNumber}${pastDay !== undefined ? ` for ${isoDate(pastDay)}, a past date (not today)` : ""}: ${formatCount(counts.pass)} pass, ${formatCount(counts.fail)} fail, ${formatCount(counts.bad)} not checked.`}
          </p>
        </div>
      )}
      {stale && (
        <p className="warning">
          The requirement changed after this check: the table and its export are for the requirement as it was. Check
          again for the new one.
        </p>
      )}
      {run && !run.running && run.results.length > 0 && (
        <>
          <div className="filters" role="group" aria-label="Show">
            {(
              [
                ["all", `All (${formatCount(run.results.length)})`],
                ["pass", `Pass (${formatCount(counts.pass)})`],
                ["fail", `Fail (${formatCount(counts.fail)})`],
                ["bad", `Not checked (${formatCount(counts.bad)})`],
              ] as const
            ).map(([key, text]) => (
              <button
                key={key}
                type="button"
                className={filter === key ? "" : "secondary"}
                aria-pressed={filter === key}
                onClick={() => {
                  setFilter(key);
                  setShown(SHOWN);
                }}
              >
                {text}
              </button>
            ))}
            <label htmlFor="candidates-sort" className="sr-only">
              Sort by
            </label>
            <select id="candidates-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
              <option value="row">Sort by row</option>
              <option value="result">Sort by result</option>
              <option value="address">Sort by address</option>
            </select>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                downloadCsv(
                  `${(file?.name ?? "candidates").replace(/\.csv$/i, "")}.results.csv`,
                  candidatesCsv(run.req, run.results, names),
                )
              }
            >
              Export CSV
            </button>
          </div>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Results">
            <table className="table candidates-table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Address</th>
                  <th scope="col">Result</th>
                  {typeIds.map((id) => (
                    <th scope="col" key={id.toString()}>
                      <bdi>{typeLabel(id, names)}</bdi>
                    </th>
                  ))}
                  {shownReq.credits.minimum > 0 && <th scope="col">Credits</th>}
                  <th scope="col">Missing</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, shown).map((r, i) => {
                  const outcomes = r.check ? [...r.check.allOf, ...(r.check.anyOf?.outcomes ?? [])] : [];
                  return (
                    <tr
                      key={`${r.row}-${i}`}
                      className={r.check ? (r.check.pass ? "row-pass" : "row-fail") : "row-invalid"}
                    >
                      <td>{r.row}</td>
                      <td>
                        {r.address ? (
                          <Link href={withChain(`/verify/${r.address}`, ctx.chainId)} title={r.address}>
                            <code>{shortAddress(r.address)}</code>
                          </Link>
                        ) : (
                          <code>{r.input.slice(0, 48)}</code>
                        )}
                      </td>
                      <td>
                        {r.check ? (
                          <span className={`badge ${r.check.pass ? "badge-valid" : "badge-revoked"}`}>
                            {r.check.pass ? "Pass" : "Fail"}
                          </span>
                        ) : (
                          <span className="badge badge-muted">Not checked</span>
                        )}
                      </td>
                      {typeIds.map((id, k) => {
                        const o = outcomes[k];
                        return <td key={id.toString()}>{o ? (o.by ? `✓ #${o.by.tokenId}` : `✗ ${o.why}`) : ""}</td>;
                      })}
                      {shownReq.credits.minimum > 0 && (
                        <td>{r.check?.credits ? formatCredits(r.check.credits.total) : ""}</td>
                      )}
                      <td className="reason">
                        {r.check ? missingSentence(r.check, names) : (r.error ?? "Stopped before this row")}
                        {r.check?.warnings.map((w) => (
                          <p key={w} className="warning">
                            {w}
                          </p>
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {rows.length > shown && (
            <button type="button" className="secondary" onClick={() => setShown(shown + SHOWN)}>
              Show {Math.min(SHOWN, rows.length - shown)} more of {formatCount(rows.length - shown)}
            </button>
          )}
        </>
      )}
    </div>
  );
}
