/**
 * What happened to one credential: issued (by whom, how), stack claimed, renewed, revoked,
 * renounced, a move proposed, cancelled or made, and the credential it was moved from. Read from
 * the registry's events that carry the token id, which a credential page lists; the lens's
 * `verify` stays the source of its status.
 */
import { getAddress, parseEventLogs, type Address, type Hex, type Log } from "viem";

import { credentialClaimsAbi, credentialRegistryAbi } from "./generated/abis";
import { idTopic, logs, timesOf, topicOf, type Client } from "./issuerHistory";

const BY_TOKEN = [
  "CredentialRevoked",
  "CredentialRenewed",
  "CredentialRenounced",
  "StackClaimed",
  "CredentialMoveProposed",
  "CredentialMoveCancelled",
  "CredentialMoved",
] as const;

/** One thing that happened to a credential, with when and in which transaction. */
export type CredentialEvent = {
  blockNumber: bigint;
  transactionHash: Hex;
  /** The block's time, Unix seconds. */
  timestamp: number;
} & (
  | {
      kind: "issued";
      holder: Address;
      /**
       * The account that issued it (the issuer's or a delegate's), or the recipient who claimed a
       * link; undefined when a contract (a wallet, a relayer) called the registry without an event
       * naming the actor.
       */
      actor: Address | undefined;
      /** batch: in an `issueBatch`; link: claimed with a claim link; direct: a single `issue`. */
      via: "batch" | "link" | "direct";
    }
  | { kind: "stack-claimed"; holder: Address; stackTypeId: bigint; components: readonly bigint[] }
  | { kind: "renewed"; by: Address; validUntil: bigint }
  | { kind: "revoked"; by: Address; reason: number; note: string }
  | { kind: "renounced"; holder: Address }
  | { kind: "move-proposed"; newHolder: Address; proposer: Address; readyAt: bigint }
  | { kind: "move-cancelled"; by: Address }
  | { kind: "moved-out"; newTokenId: bigint; newHolder: Address }
  | { kind: "moved-in"; fromTokenId: bigint }
);

type Sortable = { blockNumber: bigint; logIndex: number };

/**
 * Everything that happened to credential `tokenId`, oldest first, in three log queries over the
 * whole chain (events naming it, its mint, a move that created it). `claims` is the deployment's
 * claim-link contract: an issuance in the same transaction as its `LinkClaimed` is a claimed link.
 * Throws when the RPC refuses such a query (public RPCs cap ranges): the indexer answers then.
 */
export async function readCredentialHistory(
  client: Client,
  registry: Address,
  tokenId: bigint,
  claims?: Address,
): Promise<CredentialEvent[]> {
  const id = idTopic(tokenId);
  const [named, minted, movedIn] = await Promise.all([
    logs(client, registry, [BY_TOKEN.map(topicOf), id]),
    logs(client, registry, [topicOf("Transfer"), idTopic(0n), null, id]),
    logs(client, registry, [topicOf("CredentialMoved"), null, id]),
  ]);
  const events = parseEventLogs({ abi: credentialRegistryAbi, logs: named as never, eventName: [...BY_TOKEN] });
  const mints = parseEventLogs({ abi: credentialRegistryAbi, logs: minted as never, eventName: "Transfer" });
  const arrivals = parseEventLogs({ abi: credentialRegistryAbi, logs: movedIn as never, eventName: "CredentialMoved" });
  // A stack claim or a move mints too; those say more than the mint.
  const explained = new Set([
    ...events.filter((e) => e.eventName === "StackClaimed").map((e) => e.transactionHash),
    ...arrivals.map((e) => e.transactionHash),
  ]);
  const issued = await Promise.all(
    mints
      .filter((m) => !explained.has(m.transactionHash))
      .map(async (m) => ({ log: m, ...(await issuance(client, registry, tokenId, m.transactionHash, claims)) })),
  );
  const times = await timesOf(client, [...mints, ...events, ...arrivals]);
  const at = (l: { blockNumber: bigint; transactionHash: Hex; logIndex: number }) => ({
    blockNumber: l.blockNumber,
    transactionHash: l.transactionHash,
    timestamp: times.get(l.blockNumber)!,
    logIndex: l.logIndex,
  });
  const out: (CredentialEvent & Sortable)[] = [
    ...issued.map(({ log, actor, via }) => ({ ...at(log), kind: "issued" as const, holder: log.args.to, actor, via })),
    ...arrivals.map((l) => ({ ...at(l), kind: "moved-in" as const, fromTokenId: l.args.tokenId })),
    ...events.map((l): CredentialEvent & Sortable => {
      switch (l.eventName) {
        case "CredentialRevoked":
          return { ...at(l), kind: "revoked", by: l.args.revoker, reason: l.args.reason, note: l.args.note };
        case "CredentialRenewed":
          return { ...at(l), kind: "renewed", by: l.args.renewer, validUntil: l.args.validUntil };
        case "CredentialRenounced":
          return { ...at(l), kind: "renounced", holder: l.args.holder };
        case "StackClaimed":
          return {
            ...at(l),
            kind: "stack-claimed",
            holder: l.args.holder,
            stackTypeId: l.args.stackTypeId,
            components: l.args.components,
          };
        case "CredentialMoveProposed":
          return {
            ...at(l),
            kind: "move-proposed",
            newHolder: l.args.newHolder,
            proposer: l.args.proposer,
            readyAt: l.args.readyAt,
          };
        case "CredentialMoveCancelled":
          return { ...at(l), kind: "move-cancelled", by: l.args.by };
        case "CredentialMoved":
          return { ...at(l), kind: "moved-out", newTokenId: l.args.newTokenId, newHolder: l.args.newHolder };
      }
    }),
  ];
  out.sort((a, b) =>
    a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex,
  );
  return out.map(({ logIndex: _, ...e }) => e as CredentialEvent);
}

/**
 * Who issued the credential minted in `hash`, and how: the actor of the registry's
 * `CredentialsIssued` whose range holds it (a batch, or a delegate's single issue); the recipient
 * of the claim contract's `LinkClaimed` for it; otherwise the transaction's sender when it called
 * the registry itself (an owner's single `issue`, recorded by its Transfer only). A sender that
 * called another contract (a relayer, a contract wallet) is not the actor: undefined then.
 */
async function issuance(
  client: Client,
  registry: Address,
  tokenId: bigint,
  hash: Hex,
  claims: Address | undefined,
): Promise<{ actor: Address | undefined; via: "batch" | "link" | "direct" }> {
  const receipt = await client.getTransactionReceipt({ hash });
  const from = (l: Log, address: Address | undefined) => address && l.address.toLowerCase() === address.toLowerCase();
  const link = parseEventLogs({
    abi: credentialClaimsAbi,
    eventName: "LinkClaimed",
    logs: receipt.logs.filter((l) => from(l, claims)),
  }).find((l) => l.args.tokenId === tokenId);
  if (link) return { actor: link.args.recipient, via: "link" };
  const batch = parseEventLogs({
    abi: credentialRegistryAbi,
    eventName: "CredentialsIssued",
    logs: receipt.logs.filter((l) => from(l, registry)),
  }).find((l) => l.args.firstTokenId <= tokenId && tokenId < l.args.firstTokenId + l.args.count);
  if (batch) return { actor: batch.args.actor, via: batch.args.count > 1n ? "batch" : "direct" };
  const direct = receipt.to?.toLowerCase() === registry.toLowerCase();
  return { actor: direct ? getAddress(receipt.from) : undefined, via: "direct" };
}
