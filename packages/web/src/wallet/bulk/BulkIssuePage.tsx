import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useAccount, useConfig } from "wagmi";
import { writeContract } from "wagmi/actions";
import { createPublicClient, formatEther, formatGwei, http, type PublicClient } from "viem";
import {
  JobStopped,
  confirmIssued,
  csvTemplate,
  defaultConfirmations,
  describeError,
  fileHash,
  formatDuration,
  issuedRows,
  jobResults,
  prepareBulkIssue,
  recipientsByRow,
  resultsCsv,
  runIssuance,
  type ColumnMap,
  type JobKey,
  type JobState,
  type Plan,
  type Progress,
  type ResultRow,
  type Validation,
} from "@onchaincert/sdk";

import { Link, useSearch } from "wouter";

import { useChainContext, withChain } from "../../chain";
import { Notice } from "../../components/Notice";
import { IssuerHeader } from "../IssuerHeader";
import { useIssuableTypes } from "../useCredentialTypes";
import { useRoles } from "../useRoles";
import { ClaimLinks } from "./ClaimLinks";
import { browserStore, forgetJob, jobId, jobSummary, savedJobs } from "./jobStore";
import { parseInBackground, type ParseResult } from "./parseCsv";
import { downloadCsv } from "./download";
import { TypeSelect } from "./TypeSelect";

type Filter = "all" | "invalid" | "skipped-already-held" | "ready";
const SHOWN = 200;
const n = (x: number | bigint) => x.toLocaleString("en-US");

interface Checked {
  parse: ParseResult;
  key: JobKey;
  state: JobState;
  validation: Validation;
  plan: Plan;
}

/**
 * Bulk issue from a CSV: choose the type, drop the file, see every row checked (in a worker, then
 * against the chain), the plan and its cost; issue with progress; stop, reload and resume; download
 * the results. The engine is packages/sdk's, the same as `pnpm issue:csv`.
 */
/** /issue/bulk: recipients with addresses (the default), or claim links for people without (?mode=links). */
export function BulkIssuePage() {
  const mode = new URLSearchParams(useSearch()).get("mode") === "links" ? "links" : "addresses";
  const roles = useRoles();
  const ctx = useChainContext();
  const tab = (value: typeof mode, label: string) => (
    <Link
      href={withChain(value === "links" ? "/issue/bulk?mode=links" : "/issue/bulk", ctx.chainId)}
      className={mode === value ? "tab active" : "tab"}
      aria-current={mode === value ? "page" : undefined}
    >
      {label}
    </Link>
  );
  return (
    <section>
      <IssuerHeader roles={roles} title="Bulk issue from a CSV" />
      <nav className="tabs" aria-label="Bulk issue mode">
        {tab("addresses", "Recipients with addresses")}
        {tab("links", "Claim links (no addresses)")}
      </nav>
      {mode === "links" ? <ClaimLinks /> : <AddressesBulkIssue />}
    </section>
  );
}

function AddressesBulkIssue() {
  const ctx = useChainContext();
  const config = useConfig();
  const { address } = useAccount();
  const types = useIssuableTypes(ctx, address);
  const client = useMemo(
    () =>
      ctx.chain && ctx.rpc
        ? (createPublicClient({
            chain: ctx.chain,
            transport: http(ctx.rpc, { batch: { batchSize: 200 }, timeout: 20_000 }),
            pollingInterval: ctx.chainId === 31337 ? 250 : 2_000,
          }) as PublicClient)
        : undefined,
    [ctx.chain, ctx.rpc, ctx.chainId],
  );

  const [typeId, setTypeId] = useState("");
  const [maxBatch, setMaxBatch] = useState("");
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array }>();
  const [columns, setColumns] = useState<Partial<Record<keyof ColumnMap, string>>>({});
  const [phase, setPhase] = useState<"idle" | "parsing" | "checking" | "ready" | "sending">("idle");
  const [problem, setProblem] = useState<string>();
  const [checked, setChecked] = useState<Checked>();
  const [progress, setProgress] = useState<Progress>();
  const [done, setDone] = useState(false);
  const [filter, setFilter] = useState<Filter>("all");
  const [jobs, setJobs] = useState(() => (ctx.registry ? savedJobs(ctx.chainId, ctx.registry) : []));
  const stop = useRef(false);
  // The account the wallet has now, read by a running job before each transaction.
  const account = useRef(address);
  useEffect(() => {
    account.current = address;
  }, [address]);
  // Each check is numbered: a slower check of an earlier file never lands over a later one's.
  const checks = useRef(0);
  const [dragging, setDragging] = useState(false);

  async function check(
    next: { typeId?: string; file?: typeof file; columns?: typeof columns; maxBatch?: string } = {},
  ) {
    const id = next.typeId ?? typeId;
    const perTransaction = Number(next.maxBatch ?? maxBatch) || undefined;
    const f = next.file ?? file;
    const cols = next.columns ?? columns;
    const run = ++checks.current;
    const current = () => run === checks.current;
    setChecked(undefined);
    setProblem(undefined);
    if (!id || !f || !client || !address || !ctx.registry) return;
    setPhase("parsing");
    try {
      const now = Math.floor(Date.now() / 1000);
      const parse = await parseInBackground({ bytes: f.bytes, columns: cols, nowSeconds: now });
      if (!current()) return;
      setPhase("checking");
      const store = browserStore(
        jobId({ chainId: ctx.chainId, registry: ctx.registry, typeId: id, fileHash: fileHash(f.bytes) }),
        f.name,
        parse.csv.rows.length,
      );
      const prepared = await prepareBulkIssue({
        client,
        chainId: ctx.chainId,
        registry: ctx.registry,
        typeId: BigInt(id),
        issuer: address,
        bytes: f.bytes,
        store,
        maxBatch: perTransaction,
        now: () => now * 1000,
        parsed: { csv: parse.csv, offline: parse.offline },
      });
      if (!current()) return;
      if (prepared.error !== undefined) {
        setProblem(prepared.error);
        setPhase("idle");
        return;
      }
      const { key, state, validation, plan } = prepared;
      setChecked({ parse, key, state, validation, plan });
      setPhase("ready");
    } catch (error) {
      if (!current()) return;
      setProblem(error instanceof JobStopped ? error.message : describeError(error));
      setPhase("idle");
    }
  }

  async function issue() {
    if (!checked || !client || !address || !ctx.registry) return;
    const { key, state, validation, plan, parse } = checked;
    // The rows were checked for the account that was connected then; another one checks again.
    if (key.issuer.toLowerCase() !== address.toLowerCase()) {
      setProblem(
        "Your wallet switched to another account since the file was checked: it is checked again for this one.",
      );
      return void check();
    }
    const store = browserStore(jobId(key), file!.name, parse.csv.rows.length, {
      invalid: validation.counts.invalid,
      heldElsewhere: validation.counts.held - issuedRows(state).size,
    });
    await store.save(state);
    setJobs(savedJobs(ctx.chainId, ctx.registry));
    stop.current = false;
    setPhase("sending");
    setProblem(undefined);
    setDone(false);
    let stoppedBecause: string | undefined;
    try {
      await runIssuance({
        client,
        registry: ctx.registry,
        typeId: BigInt(key.typeId),
        issuer: address,
        rows: validation.ready,
        plan,
        state,
        store,
        // From the account the job was checked for, whatever the wallet switches to meanwhile.
        send: (request) => writeContract(config, { ...request, chainId: ctx.chainId, account: address }),
        onProgress: setProgress,
        shouldStop: () => stop.current || account.current?.toLowerCase() !== address.toLowerCase(),
      });
      // Before the results count: is every credential this job issued still on the chain, deep enough?
      const { vanishedRows } = await confirmIssued({
        client,
        state,
        store,
        typeId: BigInt(key.typeId),
        recipients: recipientsByRow(parse.csv),
        confirmations: defaultConfirmations(ctx.chainId),
      });
      if (vanishedRows.length > 0) {
        stoppedBecause =
          `${n(vanishedRows.length)} credential(s) this job issued are no longer on the chain (a reorganisation ` +
          "dropped their transaction). They are counted as not sent: issue again to re-send them.";
      }
    } catch (error) {
      stoppedBecause = error instanceof JobStopped ? error.message : describeError(error);
      if (account.current?.toLowerCase() !== address.toLowerCase())
        stoppedBecause =
          `Your wallet switched to another account, so the job stopped before its next transaction. ` +
          `Switch back to ${address} and choose the file again to continue.`;
    }
    // Read the job back from the chain and the saved state: the table and the counts show what happened.
    await check();
    setJobs(savedJobs(ctx.chainId, ctx.registry));
    if (stoppedBecause) setProblem(stoppedBecause);
    else setDone(true);
  }

  function choose(f: File | undefined) {
    // Not while a file is being checked or sent: the page shows one file's rows and sends those.
    if (!f || busy) return;
    void f.arrayBuffer().then((buffer) => {
      const next = { name: f.name, bytes: new Uint8Array(buffer) };
      setProgress(undefined);
      setDone(false);
      setFile(next);
      setColumns({});
      void check({ file: next, columns: {} });
    });
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  }

  const results: ResultRow[] = useMemo(
    () => (checked ? jobResults(checked.parse.csv, checked.validation, checked.state) : []),
    [checked],
  );
  const shows: Record<Filter, (r: ResultRow) => boolean> = {
    all: () => true,
    invalid: (r) => r.status === "invalid",
    "skipped-already-held": (r) => r.status === "skipped-already-held",
    ready: (r) => r.status === "not-sent" || r.status === "issued",
  };
  const visible = results.filter(shows[filter]);
  const tally = (status: ResultRow["status"]) => results.filter((r) => r.status === status).length;
  const busy = phase === "parsing" || phase === "checking" || phase === "sending";
  const header = checked?.parse.csv.header ?? [];
  const counts = checked?.validation.counts;
  // The file's other columns (a name, a cohort): shown beside the recipient, up to three of them.
  const mapped = new Set(Object.values(checked?.parse.csv.columns ?? {}).filter((i) => i !== undefined));
  const extra = header
    .map((_, i) => i)
    .filter((i) => !mapped.has(i))
    .slice(0, 3);
  const issuedBefore = tally("issued");
  const toSend = tally("not-sent");
  const resultsName = file ? `${file.name.replace(/\.csv$/i, "")}.type-${typeId}.results.csv` : "results.csv";

  return (
    <>
      <div className="panel form wide">
        <h2>1. Type and file</h2>
        <label htmlFor="bulk-type">Credential type</label>
        <TypeSelect
          id="bulk-type"
          value={typeId}
          types={types.data}
          disabled={busy}
          onChange={(next) => {
            setTypeId(next);
            void check({ typeId: next });
          }}
        />
        <label htmlFor="bulk-file">Recipients (CSV with a header row)</label>
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
            id="bulk-file"
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => choose(e.target.files?.[0])}
          />
          <p className="hint">
            Drop a file here or choose one. Columns: <code>recipient</code> (required), <code>valid_until</code>{" "}
            (YYYY-MM-DD, optional), <code>evidence</code> (URL or 0x hash, optional); any other column stays off-chain
            and comes back in the results.{" "}
            <button
              type="button"
              className="link"
              onClick={() => downloadCsv("onchaincert-template.csv", csvTemplate())}
            >
              Download the template
            </button>
          </p>
        </div>
        <label htmlFor="bulk-max">Credentials per transaction (optional; empty = as many as fit, up to 320)</label>
        <input
          id="bulk-max"
          className="narrow"
          inputMode="numeric"
          value={maxBatch}
          disabled={busy}
          onChange={(e) => setMaxBatch(e.target.value.replace(/\D/g, ""))}
          onBlur={() => void check()}
        />
        {header.length > 0 && (
          <fieldset className="mapping">
            <legend>Columns</legend>
            {(["recipient", "validUntil", "evidence"] as const).map((k) => {
              const index = checked?.parse.csv.columns?.[k];
              return (
                <label key={k} className="mapping-row">
                  <span>{{ recipient: "Recipient", validUntil: "Valid until", evidence: "Evidence" }[k]}</span>
                  <select
                    value={columns[k] ?? (index !== undefined ? header[index] : "")}
                    disabled={busy}
                    onChange={(e) => {
                      const next = { ...columns, [k]: e.target.value };
                      setColumns(next);
                      void check({ columns: next });
                    }}
                  >
                    {k !== "recipient" && <option value="">(none)</option>}
                    {header.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </label>
              );
            })}
          </fieldset>
        )}
      </div>

      {phase === "parsing" && <p className="loading">Reading and checking the file…</p>}
      {phase === "checking" && <p className="loading">Checking the recipients on the chain…</p>}
      {problem && <Notice tone="error" title={problem} />}

      {checked && counts && (
        <div className="panel wide">
          <h2>2. Check</h2>
          <p>
            {n(counts.rows)} rows read in {Math.round(checked.parse.ms)} ms: <strong>{n(toSend)} to issue</strong>,{" "}
            {n(counts.invalid)} invalid, {n(tally("skipped-already-held"))} already held
            {issuedBefore > 0 && `, ${n(issuedBefore)} issued by this job`}.
          </p>
          {checked.validation.jobError && <Notice tone="error" title={checked.validation.jobError} />}
          <div className="filters" role="group" aria-label="Show rows">
            {(
              [
                ["all", "All"],
                ["invalid", `Invalid (${n(counts.invalid)})`],
                ["skipped-already-held", `Already held (${n(tally("skipped-already-held"))})`],
                ["ready", "To issue / issued"],
              ] as const
            ).map(([f, label]) => (
              <button
                key={f}
                type="button"
                className={filter === f ? "" : "secondary"}
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
              >
                {label}
              </button>
            ))}
          </div>
          <div className="table-scroll">
            <table className="table bulk-table">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Recipient</th>
                  {extra.map((i) => (
                    <th key={i}>
                      <bdi>{header[i]}</bdi>
                    </th>
                  ))}
                  <th>Status</th>
                  <th>Reason / credential</th>
                </tr>
              </thead>
              <tbody>
                {visible.slice(0, SHOWN).map((r) => (
                  <tr key={r.row} className={`row-${r.status}`}>
                    <td>{r.row}</td>
                    <td>
                      <code>{r.cells[checked.parse.csv.columns?.recipient ?? 0] || "—"}</code>
                    </td>
                    {extra.map((i) => (
                      <td key={i}>
                        <bdi>{r.cells[i]}</bdi>
                      </td>
                    ))}
                    <td className="status">
                      {
                        {
                          issued: "Issued",
                          "skipped-already-held": "Already held",
                          invalid: "Invalid",
                          "not-sent": "To issue",
                        }[r.status]
                      }
                    </td>
                    <td className="reason">
                      {r.status === "invalid" ? (
                        r.reason
                      ) : r.tokenId !== undefined ? (
                        <Link href={withChain(`/credential/${r.tokenId}`, ctx.chainId)}>#{r.tokenId.toString()}</Link>
                      ) : (
                        ""
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {visible.length > SHOWN && (
            <p className="hint">
              Showing {SHOWN} of {n(visible.length)} rows; every row is in the results file.
            </p>
          )}
        </div>
      )}

      {checked && (
        <div className="panel wide">
          <h2>3. Issue</h2>
          {toSend > 0 ? (
            <p>
              {n(toSend)} credentials in {checked.plan.transactions} transaction
              {checked.plan.transactions === 1 ? "" : "s"}
              {checked.plan.transactions > 1 && ` of up to ${checked.plan.chunkSize}`}; your wallet asks you to confirm
              each. Estimated gas {n(checked.plan.totalGas)} at {formatGwei(checked.plan.gasPrice)} gwei ≈{" "}
              <strong>
                {Number(formatEther(checked.plan.totalCost)).toPrecision(4)} {ctx.chain?.nativeCurrency.symbol}
              </strong>
              .
            </p>
          ) : (
            <p>Nothing left to issue.</p>
          )}
          {progress && (
            <div className="progress" aria-live="polite">
              <progress max={progress.rowsTotal} value={progress.rowsDone} aria-label="Rows issued" />
              <p>
                {n(progress.rowsDone)} / {n(progress.rowsTotal)} rows · {progress.transactionsConfirmed} /{" "}
                {progress.transactionsPlanned} transactions · {formatDuration(progress.elapsedMs)} elapsed
                {progress.remainingMs !== undefined &&
                  progress.rowsDone < progress.rowsTotal &&
                  ` · ~${formatDuration(progress.remainingMs)} left`}
              </p>
            </div>
          )}
          {done && (
            <Notice
              title={
                `Complete: ${n(issuedBefore)} issued, ${n(tally("invalid"))} invalid` +
                (tally("skipped-already-held") ? `, ${n(tally("skipped-already-held"))} already held` : "") +
                "."
              }
            />
          )}
          <div className="actions-left">
            {phase === "sending" ? (
              <button type="button" className="secondary" onClick={() => (stop.current = true)}>
                Stop after this transaction
              </button>
            ) : (
              toSend > 0 && (
                <button
                  type="button"
                  disabled={busy || Boolean(checked.validation.jobError)}
                  onClick={() => void issue()}
                >
                  {issuedBefore > 0 ? `Resume: issue the remaining ${n(toSend)}` : `Issue ${n(toSend)} credentials`}
                </button>
              )
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => downloadCsv(resultsName, resultsCsv(checked.parse.csv, results))}
            >
              Download results
            </button>
          </div>
        </div>
      )}

      {jobs.length > 0 && (
        <div className="panel wide">
          <h2>Jobs saved in this browser</h2>
          <p className="hint">To resume one, choose the same type and file again.</p>
          <ul className="jobs">
            {jobs.map((j) => (
              <li key={j.id}>
                <span>
                  <strong>{j.fileName}</strong> · type #{j.typeId} · {jobSummary(j)} · started{" "}
                  {new Date(j.startedAt).toLocaleString("en-GB")}
                </span>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => {
                    forgetJob(j.id);
                    setJobs(savedJobs(ctx.chainId, ctx.registry!));
                  }}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
