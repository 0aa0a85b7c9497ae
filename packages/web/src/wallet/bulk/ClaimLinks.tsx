import { useRef, useState } from "react";
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
  linksCsvChunks,
  newRoundSeed,
  openRoundRequest,
  parseLinksCsv,
  parseValidUntil,
  ROUNDS_LISTED,
  readLinkCounts,
  readRound,
  readRoundsOf,
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

/**
 * What the browser keeps per chain, account, type and file: the round's seed (secret), how rows
 * were checked, and once it is open, the round the links belong to.
 */
interface SavedRound {
  seed: `0x${string}`;
  checkedAt: number;
  deadline: number;
  /** The round this browser opened (or found opened by its account) with these links. */
  roundId?: string;
}

interface Prepared {
  file: File;
  typeId: string;
  fileName: string;
  csv: ParsedCsv;
  outcomes: LinkRowOutcome[];
  storeKey: string;
  saved: SavedRound;
  /** The deadline chosen on the form, when links made earlier from this file keep another one. */
  otherDeadline?: number;
  /** Why the links cannot be used (their root opened another's round): new ones are needed. */
  unusable?: string;
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
  const [done, setDone] = useState<{ roundId: bigint; parts: string[]; fileName: string }>();
  const [busy, setBusy] = useState(false);
  // Each reading of a file is numbered: a slower one never lands over a later choice's.
  const chooses = useRef(0);

  /**
   * Reads the file and checks its rows for the type and deadline on the form (choosing another
   * type or deadline reads it again). The seed is kept per chain, account, type and file.
   */
  async function choose(file: File | undefined, forType = typeId, forDeadline = deadline) {
    const run = ++chooses.current;
    setProblem(undefined);
    setDone(undefined);
    setPrepared(undefined);
    if (!file || !client || !forType || !address) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (run !== chooses.current) return;
    const csv = parseLinksCsv(bytes);
    if (csv.error !== undefined) return setProblem(csv.error);
    const hash = fileHash(bytes);
    const storeKey = `${STORE}${ctx.chainId}:${address.toLowerCase()}:${forType}:${hash}`;
    // A seed kept before keys named the account: moved under this account's key, never lost.
    const legacyKey = `${STORE}${ctx.chainId}:${forType}:${hash}`;
    const legacy = localStorage.getItem(legacyKey);
    if (legacy !== null && localStorage.getItem(storeKey) === null) {
      localStorage.setItem(storeKey, legacy);
      localStorage.removeItem(legacyKey);
    }
    const now = Number((await client.getBlock()).timestamp);
    if (run !== chooses.current) return;
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
      typeId: forType,
      fileName: file.name,
      csv,
      outcomes,
      storeKey,
      saved,
      // Only a deadline chosen on the form differs: an empty field (after a reload) keeps the links'.
      otherDeadline: forDeadline && end !== saved.deadline ? end : undefined,
    });
  }

  /**
   * Forgets the file's seed in this browser, once the issuer confirms; with the file at hand,
   * makes new links at once. Links of a round already open keep working, but this browser can no
   * longer make them again.
   */
  function forget(again?: File) {
    if (!prepared) return;
    const opened = prepared.saved.roundId;
    const sure = window.confirm(
      opened
        ? `Forget the secret of round #${opened}'s links in this browser? The links already sent keep working, but this browser can no longer make them again (download them first if you have not).`
        : "Forget the secret of these links in this browser? New links will be made for this file.",
    );
    if (!sure) return;
    localStorage.removeItem(prepared.storeKey);
    setPrepared(undefined);
    setDone(undefined);
    if (again) void choose(again);
  }

  /** Keeps the round the links belong to with their seed. */
  function remember(prepared: Prepared, roundId: bigint) {
    const saved = { ...prepared.saved, roundId: roundId.toString() };
    localStorage.setItem(prepared.storeKey, JSON.stringify(saved));
    setPrepared({ ...prepared, saved });
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
    const typeId = BigInt(prepared.typeId);
    const expected = async () => ({
      issuerId: await client.readContract({
        address: ctx.registry!,
        abi: credentialRegistryAbi,
        functionName: "issuerOf",
        args: [address],
      }),
      typeId,
      size: ready.length,
      deadline: prepared.saved.deadline,
    });
    const unusable = (why: string) => {
      setPrepared({ ...prepared, unusable: why });
      setProblem(`${why} No link was written.`);
    };
    let roundId: bigint | undefined;
    if (prepared.saved.roundId !== undefined) {
      // The round these links opened before: theirs whatever the account is now (a key rotation).
      roundId = BigInt(prepared.saved.roundId);
      const round = await readRound(client, claims, roundId);
      if (round?.root !== built.tree.root)
        return unusable(`Round #${roundId} on the chain is not these links' (a reorganisation may have dropped it).`);
    } else {
      roundId = await roundOfRoot(client, claims, built.tree.root);
      if (roundId !== undefined) {
        // Opened already: by this page before it could note it, or by whoever copied the root first.
        const why = foundRoundProblem(await readRound(client, claims, roundId), await expected());
        if (why) return unusable(why);
      } else {
        const receipt = await write.send(`Open a round of ${n(ready.length)} claim links`, {
          ...openRoundRequest(claims, typeId, built.tree.root, ready.length, prepared.saved.deadline),
          abi: claimsCallAbi,
          chainId: ctx.chainId,
        });
        if (!receipt) return;
        // Deep enough that a reorganisation cannot renumber the round, or put another issuer's
        // copy of the root first, under links already mailed; then the round as the chain has it.
        const confirmations = defaultConfirmations(ctx.chainId);
        if (confirmations > 0) {
          setProgress(`Waiting for ${confirmations} confirmations before writing the links…`);
          try {
            const confirmed = await client.waitForTransactionReceipt({ hash: receipt.transactionHash, confirmations });
            if (confirmed.status !== "success")
              return setProblem("The round's transaction did not go through after all. Press the button again.");
          } finally {
            setProgress(undefined);
          }
        }
        roundId = await roundOfRoot(client, claims, built.tree.root);
        if (roundId === undefined)
          return setProblem("The round was opened but its id could not be read; press the button again.");
        const why = foundRoundProblem(await readRound(client, claims, roundId), await expected());
        if (why) return unusable(why);
      }
      remember(prepared, roundId);
    }
    const appBase = appBaseFromCredentialBase(
      await client.readContract({
        address: ctx.registry!,
        abi: credentialRegistryAbi,
        functionName: "externalBaseURI",
      }),
    );
    // In pieces: a round of half a million links makes more text than one string can hold.
    const parts = [
      ...linksCsvChunks(prepared.csv, prepared.outcomes, {
        appBase: appBase || window.location.origin,
        chainId: ctx.chainId,
        roundId,
        built,
      }),
    ];
    const fileName = prepared.fileName.replace(/\.csv$/i, "") + `.round-${roundId}.links.csv`;
    setDone({ roundId, parts, fileName });
    downloadCsv(fileName, parts);
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
          {prepared.unusable && (
            <Notice tone="error" title="These links cannot be used.">
              <button type="button" className="secondary" onClick={() => forget(prepared.file)}>
                Make new links for this file
              </button>
            </Notice>
          )}
          {progress && <p className="loading">{progress}</p>}
          <button
            type="button"
            disabled={
              ready === 0 ||
              busy ||
              Boolean(prepared.unusable) ||
              Boolean(progress) ||
              write.state.phase === "checking" ||
              write.state.phase === "pending"
            }
            onClick={() => void openAndDownload()}
          >
            {prepared.saved.roundId !== undefined
              ? `Make the ${n(ready)} links of round #${prepared.saved.roundId} again`
              : `Make ${n(ready)} links and open the round`}
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
            <button type="button" onClick={() => downloadCsv(done.fileName, done.parts)}>
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
