import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { useAccount, usePublicClient } from "wagmi";
import { formatEther, formatGwei, type Hex, type PublicClient } from "viem";
import {
  SPONSOR_BATCH,
  SPONSOR_REQUEST_PREFIX,
  SPONSOR_STATUS,
  checkSponsorLines,
  claimManyRequest,
  claimsAddress,
  claimsCallAbi,
  describeError,
  readSponsorLines,
  settleSponsorBatch,
  stopSponsorBatches,
  sponsorBatches,
  sponsorLineHints,
  sponsorResultsCsv,
  type SponsorLine,
} from "@onchaincert/sdk";

import { useChainContext, withChain } from "../chain";
import { Notice } from "../components/Notice";
import { usePageTitle } from "../usePageTitle";
import { downloadCsv } from "./bulk/download";
import { TxNotice } from "./TxNotice";
import { useWrite } from "./useWrite";

const n = (x: number | bigint) => x.toLocaleString("en-US");
const SHOWN = 200;

interface Plan {
  gas: bigint;
  gasPrice: bigint;
}

/**
 * /sponsor: pay for other people's claims from the wallet. Recipients without ether make sponsor
 * requests on their claim page (no secret in them); whoever pays pastes them here, sees every line
 * checked against the chain (the same check as `pnpm claim:sponsor`), and sends the ready ones
 * with `claimMany`, SPONSOR_BATCH a transaction. Checking again after a send, or over a list with
 * requests sent before, finds the claims already made instead of refusing them.
 */
export function SponsorPage() {
  usePageTitle("Pay for claims");
  const ctx = useChainContext();
  const { address } = useAccount();
  // Another chain or account starts afresh: a list checked for one is not sent from the other.
  return <SponsorList key={`${ctx.chainId}:${address}`} />;
}

function SponsorList() {
  const ctx = useChainContext();
  const { address } = useAccount();
  const client = usePublicClient({ chainId: ctx.chainId }) as PublicClient | undefined;
  const claims = claimsAddress(ctx.chainId);
  const write = useWrite();
  const [text, setText] = useState("");
  const [lines, setLines] = useState<SponsorLine[]>();
  const [plan, setPlan] = useState<Plan>();
  const [problem, setProblem] = useState<string>();
  const [stopped, setStopped] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [paying, setPaying] = useState(false);
  // Every transaction this page sent or found, by recipient, round and link: where the next check
  // looks first for a claim (public RPCs may refuse a search of the whole chain's logs).
  const [hints, setHints] = useState<ReadonlyMap<string, Hex>>(new Map());
  // A check whose list changed before it finished shows nothing.
  const run = useRef(0);
  // Stops the check under way (its button, or leaving the page) between two reads.
  const stopping = useRef<AbortController>(undefined);
  useEffect(() => () => stopping.current?.abort(), []);
  const payingNow = useRef(false);
  const locked = Boolean(busy) || paying;

  const remember = (checked: readonly SponsorLine[]) =>
    setHints((before) => new Map([...before, ...sponsorLineHints(checked)]));

  async function check(source = text) {
    if (!client || !claims || !address) return;
    const mine = ++run.current;
    const stop = new AbortController();
    stopping.current = stop;
    setProblem(undefined);
    setStopped(false);
    setPlan(undefined);
    setLines(undefined);
    const read = readSponsorLines(source);
    if (read.length === 0)
      return setProblem(`No sponsor request here: each starts with “${SPONSOR_REQUEST_PREFIX}”, one per line.`);
    setBusy(`Checking ${n(read.length)} requests against the chain…`);
    try {
      await checkSponsorLines(client, ctx.chainId, claims, address, read, hints, {
        onProgress: (done, total) => {
          if (mine === run.current) setBusy(`Checking the requests against the chain: ${n(done)} of ${n(total)}…`);
        },
        signal: stop.signal,
      });
      if (mine !== run.current) return;
      setLines(read);
      remember(read);
      const batches = sponsorBatches(read);
      if (batches.length === 0) return;
      let gas = 0n;
      for (const batch of batches) {
        stop.signal.throwIfAborted();
        gas += await client.estimateContractGas({
          ...claimManyRequest(
            claims,
            batch.map((l) => l.request!),
          ),
          account: address,
        });
      }
      const gasPrice = await client.getGasPrice();
      if (mine === run.current) setPlan({ gas, gasPrice });
    } catch (error) {
      if (mine !== run.current) return;
      if (stop.signal.aborted) setStopped(true);
      else setProblem(`The check could not finish: ${describeError(error)}`);
    } finally {
      if (mine === run.current) setBusy(undefined);
    }
  }

  async function send() {
    // Once: a second click before the button re-renders disabled pays nothing twice.
    if (!lines || !claims || locked || payingNow.current) return;
    payingNow.current = true;
    setPaying(true);
    setPlan(undefined);
    try {
      const batches = sponsorBatches(lines);
      for (const [b, batch] of batches.entries()) {
        const what = `Pay for ${n(batch.length)} ${batch.length === 1 ? "claim" : "claims"}`;
        const label = batches.length === 1 ? what : `${what} (transaction ${b + 1} of ${batches.length})`;
        let hash: Hex | undefined;
        const receipt = await write.send(
          label,
          {
            ...claimManyRequest(
              claims,
              batch.map((l) => l.request!),
            ),
            abi: claimsCallAbi,
            chainId: ctx.chainId,
          },
          (sent) => (hash = sent),
        );
        if (!receipt) {
          // Sent, then no receipt (or a revert): the next check reads this transaction first.
          stopSponsorBatches(batches, b, hash);
          return;
        }
        settleSponsorBatch(batch, claims, receipt);
        setLines([...lines]);
      }
    } finally {
      remember(lines);
      setLines([...lines]);
      payingNow.current = false;
      setPaying(false);
    }
  }

  if (!claims) return <Notice page tone="error" title={`Claim links are not deployed on ${ctx.chain?.name}.`} />;
  const count = (status: string) => lines?.filter((l) => l.status === status).length ?? 0;
  const batches = lines ? sponsorBatches(lines) : [];
  const ready = batches.flat().length;
  const known = new Set<string>(Object.values(SPONSOR_STATUS));
  const refused = lines?.filter((l) => !known.has(l.status)).length ?? 0;
  const claimedNow = count(SPONSOR_STATUS.claimed);
  const afterSend = claimedNow + count(SPONSOR_STATUS.notSent) + count(SPONSOR_STATUS.unknown) > 0;
  const summary = [
    ready > 0 || claimedNow === 0 ? `${n(ready)} ready` : "",
    claimedNow > 0 ? `${n(claimedNow)} claimed now` : "",
    ...(
      [
        [SPONSOR_STATUS.claimedEarlier, "claimed earlier"],
        [SPONSOR_STATUS.skipped, "claimed meanwhile by others"],
        [SPONSOR_STATUS.unknown, "sent, outcome unknown"],
        [SPONSOR_STATUS.notSent, "not sent"],
      ] as const
    ).map(([status, words]) => (count(status) > 0 ? `${n(count(status))} ${words}` : "")),
    `${n(refused)} refused`,
  ]
    .filter(Boolean)
    .join(", ");

  return (
    <section>
      <h1 className="page-title">Pay for claims</h1>
      <p className="lead">
        People who received a claim link but have no ether for the fee make a <strong>sponsor request</strong> on their
        claim page and send it to you. Paste the requests here (one per line; a CSV export works too). Each is checked
        against the chain, then this wallet pays for them, {SPONSOR_BATCH} claims a transaction.
      </p>
      <div className="panel form wide">
        <label htmlFor="sponsor-requests">Sponsor requests</label>
        <textarea
          id="sponsor-requests"
          rows={6}
          value={text}
          spellCheck={false}
          placeholder={`${SPONSOR_REQUEST_PREFIX}…`}
          disabled={locked}
          onChange={(e) => {
            // What is shown and sent is always what was checked.
            run.current++;
            setStopped(false);
            setText(e.target.value);
            setLines(undefined);
            setPlan(undefined);
          }}
        />
        <label htmlFor="sponsor-file">Or a file of them (text or CSV)</label>
        <input
          id="sponsor-file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          disabled={locked}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = ""; // the same file chosen again is read again
            if (!file) return;
            void file.text().then((content) => {
              setText(content);
              void check(content);
            });
          }}
        />
        <p className="muted">
          A request holds no secret: it can only give its link&apos;s credential to the address the recipient chose.
          Never accept a claim link itself in its place; whoever holds a link can claim it for anyone.
        </p>
        <button type="button" disabled={!text.trim() || locked} onClick={() => void check()}>
          Check the requests
        </button>
      </div>

      {busy && (
        <div className="actions start">
          <p className="loading">{busy}</p>
          <button type="button" className="secondary" onClick={() => stopping.current?.abort()}>
            Stop checking
          </button>
        </div>
      )}
      {problem && <Notice tone="error" title={problem} />}
      {stopped && (
        <Notice title="The check was stopped before the end.">
          Nothing was sent. Check the list again to pay for it.
        </Notice>
      )}
      {lines && (
        <div className="panel wide">
          <h2>
            {n(lines.length)} {lines.length === 1 ? "request" : "requests"}: {summary}
          </h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Sponsor requests, checked">
            <table className="table sponsor-lines">
              <thead>
                <tr>
                  <th>Line</th>
                  <th>Recipient</th>
                  <th>Round</th>
                  <th>Link</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {lines.slice(0, SHOWN).map((l) => (
                  <tr key={l.line} className={known.has(l.status) ? undefined : "refused"}>
                    <td>{l.line}</td>
                    <td>{l.request && <code>{l.request.claim.recipient}</code>}</td>
                    <td>{l.request ? `#${l.request.claim.roundId}` : ""}</td>
                    <td>{l.request ? String(l.request.claim.index) : ""}</td>
                    <td className="status">
                      {l.status}
                      {l.tokenId !== undefined && (
                        <>
                          {": "}
                          <Link href={withChain(`/credential/${l.tokenId}`, ctx.chainId)}>
                            credential #{String(l.tokenId)}
                          </Link>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {lines.length > SHOWN && (
            <p className="muted">The first {SHOWN} lines are shown; every line is in the results file.</p>
          )}
          {plan && ready > 0 && (
            <p>
              {n(ready)} {ready === 1 ? "claim" : "claims"} in{" "}
              {batches.length === 1
                ? "one transaction"
                : `${batches.length} transactions; your wallet asks you to confirm each`}
              . Estimated gas {n(plan.gas)} ({n(plan.gas / BigInt(ready))} a claim) at {formatGwei(plan.gasPrice)} gwei
              ≈{" "}
              <strong>
                {Number(formatEther(plan.gas * plan.gasPrice)).toPrecision(4)} {ctx.chain?.nativeCurrency.symbol}
              </strong>
              , paid by this wallet.
            </p>
          )}
          <div className="actions">
            {plan && ready > 0 && (
              <button type="button" disabled={locked} onClick={() => void send()}>
                Pay for {n(ready)} {ready === 1 ? "claim" : "claims"}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => downloadCsv("sponsor-requests.results.csv", sponsorResultsCsv(lines))}
            >
              Download the results
            </button>
            {afterSend && (
              <button type="button" className="secondary" disabled={locked} onClick={() => void check()}>
                Check again
              </button>
            )}
          </div>
        </div>
      )}
      <TxNotice state={write.state} explorer={ctx.explorer} />
    </section>
  );
}
