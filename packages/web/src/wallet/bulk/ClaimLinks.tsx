import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useAccount, usePublicClient } from "wagmi";
import type { PublicClient } from "viem";
import {
  appBaseFromCredentialBase,
  buildRound,
  checkLinkRows,
  claimsAddress,
  claimsCallAbi,
  credentialRegistryAbi,
  defaultConfirmations,
  fileHash,
  foundRoundProblem,
  linksCsv,
  newRoundSeed,
  openRoundRequest,
  parseLinksCsv,
  parseValidUntil,
  ROUNDS_LISTED,
  readLinkCounts,
  readRound,
  readRoundsOf,
  roundIdFromLogs,
  roundOfRoot,
  type BuiltRound,
  type LinkRowOutcome,
  type ParsedCsv,
  type RoundInfo,
} from "@onchaincert/sdk";

import { Link } from "wouter";

import { useChainContext, withChain, type ChainContext } from "../../chain";
import { Notice } from "../../components/Notice";
import { formatDate } from "../../format";
import { TxNotice } from "../TxNotice";
import { useCredentialTypes, useIssuableTypes } from "../useCredentialTypes";
import { useRoles } from "../useRoles";
import { useWrite } from "../useWrite";
import { downloadCsv } from "./download";
import { TypeSelect } from "./TypeSelect";

const n = (x: number | bigint) => x.toLocaleString("en-US");
const STORE = "occ-claims:";

/** What the browser keeps per file, type and chain: the round's seed (secret) and how rows were checked. */
interface SavedRound {
  seed: `0x${string}`;
  checkedAt: number;
  deadline: number;
}

interface Prepared {
  file: File;
  fileName: string;
  csv: ParsedCsv;
  outcomes: LinkRowOutcome[];
  storeKey: string;
  saved: SavedRound;
  /** The deadline chosen on the form, when links made earlier from this file keep another one. */
  otherDeadline?: number;
}

/**
 * Claim links from a spreadsheet without addresses, in the browser: the same engine as
 * `pnpm issue:csv --claim-links`. The round's seed is kept in this browser until the links are
 * downloaded, so choosing the same file again makes the same links (and finds the round if it was
 * opened).
 */
export function ClaimLinks() {
  const ctx = useChainContext();
  const { address } = useAccount();
  const client = usePublicClient({ chainId: ctx.chainId }) as PublicClient | undefined;
  const claims = claimsAddress(ctx.chainId);
  const types = useIssuableTypes(ctx, address);
  const write = useWrite();
  const [typeId, setTypeId] = useState("");
  const [deadline, setDeadline] = useState("");
  const [prepared, setPrepared] = useState<Prepared>();
  const [problem, setProblem] = useState<string>();
  const [progress, setProgress] = useState<string>();
  const [done, setDone] = useState<{ roundId: bigint; text: string; fileName: string }>();
  const [busy, setBusy] = useState(false);

  /**
   * Reads the file and checks its rows for the type and deadline on the form (choosing another
   * type or deadline reads it again). The seed is kept per chain, account, type and file.
   */
  async function choose(file: File | undefined, forType = typeId, forDeadline = deadline) {
    setProblem(undefined);
    setDone(undefined);
    setPrepared(undefined);
    if (!file || !client || !forType || !address) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const csv = parseLinksCsv(bytes);
    if (csv.error !== undefined) return setProblem(csv.error);
    const storeKey = `${STORE}${ctx.chainId}:${address.toLowerCase()}:${forType}:${fileHash(bytes)}`;
    const now = Number((await client.getBlock()).timestamp);
    let end = 0;
    if (forDeadline) {
      const parsed = parseValidUntil(forDeadline, now);
      if ("error" in parsed) return setProblem(parsed.error.replace("valid-until date", "deadline"));
      end = Number(parsed.seconds);
    }
    let saved = JSON.parse(localStorage.getItem(storeKey) ?? "null") as SavedRound | null;
    if (!saved) {
      saved = { seed: newRoundSeed(), checkedAt: now, deadline: end };
      localStorage.setItem(storeKey, JSON.stringify(saved));
    }
    const outcomes = checkLinkRows(csv.rows, saved.checkedAt, saved.deadline);
    setPrepared({
      file,
      fileName: file.name,
      csv,
      outcomes,
      storeKey,
      saved,
      otherDeadline: end !== saved.deadline ? end : undefined,
    });
  }

  /** Forgets the file's seed in this browser; with the file at hand, makes new links at once. */
  function forget(again?: File) {
    if (prepared) localStorage.removeItem(prepared.storeKey);
    setPrepared(undefined);
    if (again) void choose(again);
  }

  async function openAndDownload() {
    if (!prepared || !client || !claims || !address || busy) return;
    setBusy(true);
    try {
      await openRoundAndWrite(prepared);
    } finally {
      setBusy(false);
    }
  }

  async function openRoundAndWrite(prepared: Prepared) {
    if (!client || !claims || !address) return;
    const ready = prepared.outcomes.flatMap((o) => (o.status === "ready" ? [o.ready] : []));
    let built: BuiltRound;
    try {
      built = await buildRound(prepared.saved.seed, ready, {
        onProgress: (d, t) => setProgress(`Making links: ${n(d)} of ${n(t)}…`),
      });
    } finally {
      setProgress(undefined);
    }
    let roundId = await roundOfRoot(client, claims, built.tree.root);
    if (roundId !== undefined) {
      // Opened already: by this page before a reload, or by whoever copied the root first.
      const issuerId = await client.readContract({
        address: ctx.registry!,
        abi: credentialRegistryAbi,
        functionName: "issuerOf",
        args: [address],
      });
      const found = foundRoundProblem(await readRound(client, claims, roundId), {
        issuerId,
        typeId: BigInt(typeId),
        size: ready.length,
        deadline: prepared.saved.deadline,
      });
      if (found) {
        localStorage.removeItem(prepared.storeKey);
        setPrepared(undefined);
        return setProblem(
          `${found} No link was written, and this file's secret is forgotten: choose the file again to make new links.`,
        );
      }
    } else {
      const receipt = await write.send(`Open a round of ${n(ready.length)} claim links`, {
        ...openRoundRequest(claims, BigInt(typeId), built.tree.root, ready.length, prepared.saved.deadline),
        abi: claimsCallAbi,
        chainId: ctx.chainId,
      });
      if (!receipt) return;
      roundId = roundIdFromLogs(receipt.logs, claims);
      // Deep enough that a reorganisation cannot renumber the round under links already mailed;
      // then its id as the chain has it.
      const confirmations = defaultConfirmations(ctx.chainId);
      if (confirmations > 0) {
        setProgress(`Waiting for ${confirmations} confirmations before writing the links…`);
        try {
          await client.waitForTransactionReceipt({ hash: receipt.transactionHash, confirmations });
          roundId = await roundOfRoot(client, claims, built.tree.root);
        } finally {
          setProgress(undefined);
        }
      }
    }
    if (roundId === undefined)
      return setProblem("The round was opened but its id could not be read; choose the file again.");
    const appBase = appBaseFromCredentialBase(
      await client.readContract({
        address: ctx.registry!,
        abi: credentialRegistryAbi,
        functionName: "externalBaseURI",
      }),
    );
    const text = linksCsv(prepared.csv, prepared.outcomes, {
      appBase: appBase || window.location.origin,
      chainId: ctx.chainId,
      roundId,
      built,
    });
    const fileName = prepared.fileName.replace(/\.csv$/i, "") + `.round-${roundId}.links.csv`;
    setDone({ roundId, text, fileName });
    downloadCsv(fileName, text);
  }

  const ready = prepared?.outcomes.filter((o) => o.status === "ready").length ?? 0;
  const invalid = prepared?.outcomes.filter((o) => o.status === "invalid") ?? [];

  if (!claims) return <Notice tone="error" title={`Claim links are not deployed on ${ctx.chain?.name}.`} />;
  return (
    <>
      <div className="panel form wide">
        <h2>Claim links for people without a wallet address</h2>
        <p className="muted">
          A CSV with one row per person (for example <code>email,name,valid_until,evidence</code>; no address column)
          becomes one claim round: one transaction whatever the number of rows, and a file with one claim URL per row
          for your own mail merge. Names and emails stay in your file; only a Merkle root goes on-chain. Each link gives
          the credential to whoever opens it first: send it to its person only.
        </p>
        <label htmlFor="links-type">Credential type</label>
        <TypeSelect
          id="links-type"
          value={typeId}
          types={types.data}
          onChange={(id) => {
            setTypeId(id);
            void choose(prepared?.file, id);
          }}
        />
        <label htmlFor="links-deadline">Claim deadline (optional, last day, UTC)</label>
        <input
          id="links-deadline"
          type="date"
          value={deadline}
          onChange={(e) => {
            setDeadline(e.target.value);
            void choose(prepared?.file, typeId, e.target.value);
          }}
        />
        <label htmlFor="links-file">People (CSV with a header row)</label>
        <input
          id="links-file"
          type="file"
          accept=".csv,text/csv"
          disabled={!typeId}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        {!typeId && <p className="muted">Choose the type first.</p>}
      </div>

      {problem && <Notice tone="error" title={problem} />}
      {prepared && !done && (
        <div className="panel">
          <h2>
            {n(prepared.csv.rows.length)} rows: {n(ready)} get a link, {n(invalid.length)} invalid
          </h2>
          {invalid.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Why it gets no link</th>
                </tr>
              </thead>
              <tbody>
                {invalid.slice(0, 200).map((o) => (
                  <tr key={o.row}>
                    <td>{o.row}</td>
                    <td>{o.status === "invalid" && o.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            {prepared.saved.deadline !== 0
              ? `Links can be claimed until ${formatDate(prepared.saved.deadline)}.`
              : "Links have no claim deadline."}
          </p>
          {prepared.otherDeadline !== undefined && (
            <Notice
              tone="error"
              title={`This file's links were made on ${formatDate(prepared.saved.checkedAt)} with ${
                prepared.saved.deadline ? `the deadline ${formatDate(prepared.saved.deadline)}` : "no deadline"
              }, and keep it: the same file makes the same links. For ${
                prepared.otherDeadline ? `the deadline ${formatDate(prepared.otherDeadline)}` : "no deadline"
              }, make new links (if the old ones were sent, they still work until their round closes).`}
            >
              <button type="button" className="secondary" onClick={() => forget(prepared.file)}>
                Make new links with the deadline chosen
              </button>
            </Notice>
          )}
          {progress && <p className="loading">{progress}</p>}
          <button
            type="button"
            disabled={
              ready === 0 ||
              busy ||
              Boolean(progress) ||
              write.state.phase === "checking" ||
              write.state.phase === "pending"
            }
            onClick={() => void openAndDownload()}
          >
            Make {n(ready)} links and open the round
          </button>
        </div>
      )}
      <TxNotice state={write.state} explorer={ctx.explorer} />
      {done && (
        <div className="notice notice-ok" role="status">
          <strong>
            Round #{done.roundId.toString()} is open: {n(ready)} claim links are in {done.fileName}.
          </strong>
          <div>
            <button type="button" onClick={() => downloadCsv(done.fileName, done.text)}>
              Download the links again
            </button>{" "}
            <button type="button" className="secondary" onClick={() => forget()}>
              Forget this round&apos;s secret in this browser
            </button>
          </div>
        </div>
      )}
      <Rounds ctx={ctx} />
    </>
  );
}

/** The rounds of the connected issuer (and its delegates' rounds for its types): counts, void, close. */
function Rounds({ ctx }: { ctx: ChainContext }) {
  const client = usePublicClient({ chainId: ctx.chainId }) as PublicClient | undefined;
  const claims = claimsAddress(ctx.chainId)!;
  const roles = useRoles();
  const allTypes = useCredentialTypes(ctx);
  const issuerId = roles.issuerId === 0n ? undefined : roles.issuerId;
  const write = useWrite();
  const [voiding, setVoiding] = useState<Record<string, string>>({});
  const rounds = useQuery({
    queryKey: ["claim-rounds", ctx.chainId, issuerId?.toString(), allTypes.data?.length],
    enabled: Boolean(client && issuerId && allTypes.data),
    queryFn: async () => {
      const owned = allTypes.data!.filter((t) => t.ownerIssuerId === issuerId).map((t) => t.typeId);
      const { rounds: list, complete } = await readRoundsOf(client!, claims, issuerId!, owned);
      const withCounts = await Promise.all(
        list.map(async (r) => ({ ...r, ...(await readLinkCounts(client!, claims, r)) })),
      );
      return { rounds: withCounts, complete };
    },
  });
  const typeName = (id: bigint) => allTypes.data?.find((t) => t.typeId === id)?.name ?? `type #${id}`;

  function act(label: string, functionName: "voidLink" | "closeRound", args: readonly bigint[]) {
    void write.send(label, {
      address: claims,
      abi: claimsCallAbi,
      functionName,
      args: args as never,
      chainId: ctx.chainId,
    });
  }

  return (
    <div className="panel wide">
      <h2>Your claim rounds</h2>
      <TxNotice state={write.state} explorer={ctx.explorer} />
      {rounds.isPending ? (
        <p className="loading">Reading your rounds…</p>
      ) : !rounds.data?.rounds.length ? (
        <p className="muted">No claim rounds yet.</p>
      ) : (
        <table className="table rounds">
          <thead>
            <tr>
              <th>Round</th>
              <th>Type</th>
              <th>Links</th>
              <th>Claimed</th>
              <th>Voided</th>
              <th>Deadline</th>
              <th>Status</th>
              <th>Manage</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data.rounds.map((r: RoundInfo & { claimed: number; voided: number }) => {
              const id = r.roundId.toString();
              const index = voiding[id] ?? "";
              const valid = /^\d+$/.test(index) && Number(index) < r.size;
              return (
                <tr key={id}>
                  <td>#{id}</td>
                  <td>
                    <bdi>{typeName(r.typeId)}</bdi>
                    {r.issuerId !== issuerId && <span className="muted"> (a delegate's)</span>}
                  </td>
                  <td>{n(r.size)}</td>
                  <td>{n(r.claimed)}</td>
                  <td>{n(r.voided)}</td>
                  <td>{r.deadline ? formatDate(r.deadline) : "none"}</td>
                  <td>{r.closed ? "closed" : "open"}</td>
                  <td>
                    {!r.closed && (
                      <div className="round-actions">
                        <input
                          aria-label={`Link index to void in round ${id}`}
                          placeholder="link index"
                          inputMode="numeric"
                          value={index}
                          onChange={(e) => setVoiding({ ...voiding, [id]: e.target.value })}
                        />
                        <button
                          type="button"
                          className="secondary"
                          disabled={!valid}
                          onClick={() => {
                            if (
                              window.confirm(
                                `Void link ${index} of round #${id}? Whoever holds it can never claim it; this cannot be undone.`,
                              )
                            )
                              act(`Void link ${index} of round #${id}`, "voidLink", [r.roundId, BigInt(index)]);
                          }}
                        >
                          Void link
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => {
                            if (
                              window.confirm(
                                `Close round #${id}? Its ${n(r.size - r.claimed - r.voided)} unclaimed links will never work again.`,
                              )
                            )
                              act(`Close round #${id}`, "closeRound", [r.roundId]);
                          }}
                        >
                          Close round
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rounds.data && !rounds.data.complete && (
        <p className="muted">
          This RPC does not answer log queries over the whole chain, so only rounds among the newest {ROUNDS_LISTED} on
          the chain are listed.
        </p>
      )}
      <p className="muted">
        The link index of each person is in the links file (column <code>link_index</code>). Voiding stops one unclaimed
        link (a lost or mistyped email); closing stops every unclaimed link of the round.
      </p>
      <p className="muted">
        Recipients without ether send you sponsor requests from their claim page: pay for them, 25 claims a transaction,
        in <Link href={withChain("/sponsor", ctx.chainId)}>Pay for claims</Link>.
      </p>
    </div>
  );
}
