/**
 * What a leaked issuer key did that a key-compromise watermark does not undo. A watermark revokes
 * the issuer's credentials by token id; a renewal, a revocation, a type created or retired, a
 * website or delegation changed, a claim round closed or a link voided mint nothing it could
 * cover. This lists each such act of the issuer's accounts between the watermark's first
 * credential (when the leak is thought to have begun) and the watermark, and in the days before
 * (a leak can begin with acts that mint nothing), with what to do about each, for the admin and
 * the recovered issuer (docs/contracts.md, "Key compromise").
 */
import { encodeEventTopics, pad, parseEventLogs, zeroAddress, type Address, type Hex, type Log } from "viem";

import { credentialClaimsAbi, credentialRegistryAbi } from "./generated/abis";
import { idTopic, logs, readIssuerHistory, readIssuerTypes, timesOf, topicOf, type Client } from "./issuerHistory";

export type LeakedKeyAction = {
  blockNumber: bigint;
  transactionHash: Hex;
  /** The block's time, Unix seconds. */
  timestamp: number;
  /** The account that acted (one of the issuer's, in the window). */
  account: Address;
  /** What the issuer does about it, in a sentence. */
  remedy: string;
  /**
   * Before the watermark's first credential (in the days the report looks back): probably the
   * issuer's own act, unless the key leaked earlier than the watermark says.
   */
  beforeWindow: boolean;
} & (
  | { kind: "renewed"; tokenId: bigint; validUntil: bigint }
  | { kind: "revoked"; tokenId: bigint; reason: number }
  | { kind: "type-created"; typeId: bigint; name: string }
  | { kind: "type-retired"; typeId: bigint }
  | { kind: "website"; url: string }
  | { kind: "delegation"; typeId: bigint; delegateIssuerId: bigint; authorised: boolean }
  | { kind: "round-closed"; roundId: bigint }
  | { kind: "link-voided"; roundId: bigint; index: bigint }
);

export interface LeakedKeyReport {
  /** The watermark's first credential, and the window's blocks (from its mint to the watermark). */
  fromTokenId: bigint;
  fromBlock: bigint;
  toBlock: bigint;
  /** The first block of the days looked at before the window. */
  lookBackBlock: bigint;
  /** The issuer's accounts in the window: the leaked key is one of them. */
  accounts: Address[];
  actions: LeakedKeyAction[];
}

/**
 * The acts of issuer `issuerId`'s accounts, from the block that minted its latest watermark's first
 * credential to the watermark, and in the `daysBefore` days (30) before that block (marked
 * `beforeWindow`), that the watermark does not undo, oldest first; undefined when the
 * issuer has no watermark. `claims` (the claim-link contract, when deployed) adds rounds closed and
 * links voided. Throws when the RPC refuses the log queries (public RPCs cap block ranges).
 */
export async function leakedKeyActions(
  client: Client,
  registry: Address,
  issuerId: bigint,
  claims?: Address,
  options: { daysBefore?: number } = {},
): Promise<LeakedKeyReport | undefined> {
  const history = await readIssuerHistory(client, registry, issuerId);
  const watermarks = history.flatMap((e) => (e.kind === "compromised" ? [e] : []));
  if (watermarks.length === 0) return undefined;
  // Until the first watermark (the key was replaced after it: a watermark moved earlier later
  // does not stretch the window over the recovered key), from the earliest credential any covers.
  const toBlock = watermarks[0]!.blockNumber;
  const fromTokenId = watermarks.at(-1)!.fromTokenId;
  // The leak is thought to have begun with the first credential the watermark revokes.
  const minted = await logs(client, registry, [topicOf("Transfer"), pad(zeroAddress), null, idTopic(fromTokenId)], {
    from: 0n,
    to: toBlock,
  });
  // (Raw logs: block numbers in hex.)
  const fromBlock = minted[0] ? BigInt(minted[0].blockNumber as unknown as string) : 0n;
  // A leak may have begun before its first credential: the days before are looked at too, and
  // their acts marked as such.
  const start = Number((await client.getBlock({ blockNumber: fromBlock })).timestamp);
  const lookBackBlock = await firstBlockAt(client, start - (options.daysBefore ?? 30) * 86_400, fromBlock);

  // The issuer's accounts in the window: the one it had when the window opened, and every one after.
  const accounts = new Set<string>();
  let current: Address | undefined;
  for (const e of history) {
    if (e.blockNumber > toBlock) break;
    const next = e.kind === "registered" ? e.account : e.kind === "rotated" ? e.newAccount : undefined;
    if (!next) continue;
    if (e.blockNumber <= lookBackBlock) current = next;
    else accounts.add(next.toLowerCase());
  }
  if (current) accounts.add(current.toLowerCase());
  const ours = (a: string) => accounts.has(a.toLowerCase());
  const accountTopics = [...accounts].map((a) => pad(a as Hex));

  const { owned } = await readIssuerTypes(client, registry, issuerId);
  const [acted, created, website, claimLogs] = await Promise.all([
    accountTopics.length === 0
      ? Promise.resolve([] as Log[])
      : logs(client, registry, [[topicOf("CredentialRenewed"), topicOf("CredentialRevoked")], null, accountTopics], {
          from: lookBackBlock,
          to: toBlock,
        }),
    logs(client, registry, [topicOf("CredentialTypeCreated"), null, idTopic(issuerId)], {
      from: lookBackBlock,
      to: toBlock,
    }),
    logs(client, registry, [topicOf("IssuerURLUpdated"), idTopic(issuerId)], { from: lookBackBlock, to: toBlock }),
    claims
      ? logs(client, claims, [[claimsTopic("RoundClosed"), claimsTopic("LinkVoided")]], {
          from: lookBackBlock,
          to: toBlock,
        })
      : Promise.resolve([] as Log[]),
  ]);
  const createdIds = parseEventLogs({
    abi: credentialRegistryAbi,
    logs: created as never,
    eventName: "CredentialTypeCreated",
  });
  const typeIds = [...new Set([...owned.map((t) => t.typeId), ...createdIds.map((l) => l.args.typeId)])];
  const typeLogs =
    typeIds.length === 0
      ? []
      : await logs(
          client,
          registry,
          [[topicOf("CredentialTypeRetired"), topicOf("TypeDelegateSet")], typeIds.map(idTopic)],
          { from: lookBackBlock, to: toBlock },
        );

  const registryEvents = parseEventLogs({
    abi: credentialRegistryAbi,
    logs: [...acted, ...created, ...website, ...typeLogs] as never,
    eventName: [
      "CredentialRenewed",
      "CredentialRevoked",
      "CredentialTypeCreated",
      "CredentialTypeRetired",
      "IssuerURLUpdated",
      "TypeDelegateSet",
    ],
  });
  const claimEvents = parseEventLogs({
    abi: credentialClaimsAbi,
    logs: claimLogs as never,
    eventName: ["RoundClosed", "LinkVoided"],
  }).filter((l) => ours(l.args.by));
  // Who sent what: renewals, revocations and claim events name the account; types, websites
  // and delegations name the issuer, so their transactions are read (few).
  const senders = new Map<Hex, Address>();
  for (const l of registryEvents) {
    if (l.eventName === "CredentialRenewed") senders.set(l.transactionHash, l.args.renewer);
    if (l.eventName === "CredentialRevoked") senders.set(l.transactionHash, l.args.revoker);
  }
  for (const l of claimEvents) senders.set(l.transactionHash, l.args.by);
  await Promise.all(
    [...new Set(registryEvents.map((l) => l.transactionHash))]
      .filter((hash) => !senders.has(hash))
      .map(async (hash) => senders.set(hash, (await client.getTransactionReceipt({ hash })).from)),
  );
  // Types, websites and delegations are the issuer's (or, for a type, the admin's) whatever
  // account sent them (a Safe's owner, a relayer): all are listed. Renewals and revocations are
  // already the issuer's accounts', claim events filtered above.
  const all = [...registryEvents, ...claimEvents];
  const times = await timesOf(client, all);

  const actions = all.map((l): LeakedKeyAction => {
    const at = {
      blockNumber: l.blockNumber,
      transactionHash: l.transactionHash,
      timestamp: times.get(l.blockNumber)!,
      account: senders.get(l.transactionHash)!,
      beforeWindow: l.blockNumber < fromBlock,
    };
    switch (l.eventName) {
      case "CredentialRenewed":
        return {
          ...at,
          kind: "renewed",
          tokenId: l.args.tokenId,
          validUntil: l.args.validUntil,
          remedy:
            "Renew it back with the issuer's new key to the date it should have (a minute ahead if that date has passed, so it reads Expired), or revoke it.",
        };
      case "CredentialRevoked":
        return {
          ...at,
          kind: "revoked",
          tokenId: l.args.tokenId,
          reason: l.args.reason,
          remedy: "A revocation is final: if it was not the issuer's, issue the holder the credential again.",
        };
      case "CredentialTypeCreated":
        return {
          ...at,
          kind: "type-created",
          typeId: l.args.typeId,
          name: l.args.name,
          remedy:
            "If the issuer did not create it, retire it: a stack type gives Valid stacks to whoever holds its components.",
        };
      case "CredentialTypeRetired":
        return {
          ...at,
          kind: "type-retired",
          typeId: l.args.typeId,
          remedy: "Retirement is final: if the issuer did not retire it, create the type again.",
        };
      case "IssuerURLUpdated":
        return {
          ...at,
          kind: "website",
          url: l.args.url,
          remedy: "Verifiers follow this link: set the issuer's website again with its new key.",
        };
      case "TypeDelegateSet":
        return {
          ...at,
          kind: "delegation",
          typeId: l.args.typeId,
          delegateIssuerId: l.args.delegateIssuerId,
          authorised: l.args.authorised,
          remedy: l.args.authorised
            ? "Void by the watermark: grant it again with the new key if the issuer meant it."
            : "Grant it again with the new key if the issuer did not remove it.",
        };
      case "RoundClosed":
        return {
          ...at,
          kind: "round-closed",
          roundId: l.args.roundId,
          remedy: "A closed round is closed for good: make new links for its unclaimed people.",
        };
      case "LinkVoided":
        return {
          ...at,
          kind: "link-voided",
          roundId: l.args.roundId,
          index: l.args.index,
          remedy: "A voided link is void for good: make a new link for its person.",
        };
    }
  });
  actions.sort((a, b) => (a.blockNumber === b.blockNumber ? 0 : a.blockNumber < b.blockNumber ? -1 : 1));
  return { fromTokenId, fromBlock, toBlock, lookBackBlock, accounts: [...accounts] as Address[], actions };
}

function claimsTopic(eventName: "RoundClosed" | "LinkVoided"): Hex {
  return encodeEventTopics({ abi: credentialClaimsAbi, eventName })[0]!;
}

/** The first block at or after time `seconds`, at most `latest` (a binary search of block times). */
async function firstBlockAt(client: Client, seconds: number, latest: bigint): Promise<bigint> {
  let low = 0n;
  let high = latest;
  while (low < high) {
    const mid = (low + high) / 2n;
    const time = Number((await client.getBlock({ blockNumber: mid })).timestamp);
    if (time < seconds) low = mid + 1n;
    else high = mid;
  }
  return low;
}
