/**
 * An issuer's public record beyond its profile: what happened to it (registration, renames,
 * website changes, suspensions, key rotations, compromise watermarks) and the credential types it
 * owns or issues as a delegate. Read from the registry's events, which an issuer page shows; the
 * profile itself (`readIssuer`) stays the source of its status.
 */
import {
  encodeEventTopics,
  numberToHex,
  pad,
  parseEventLogs,
  type Address,
  type ContractEventName,
  type Hex,
  type Log,
  type PublicClient,
} from "viem";

import { credentialRegistryAbi } from "./generated/abis";
import type { CredentialTypeInfo } from "./credentials";

export type Client = Pick<PublicClient, "request" | "readContract" | "getBlock" | "getTransactionReceipt">;

const ISSUER_EVENTS = [
  "IssuerRegistered",
  "IssuerRenamed",
  "IssuerURLUpdated",
  "IssuerSuspended",
  "IssuerReinstated",
  "IssuerAccountProposed",
  "IssuerAccountChanged",
  "IssuerKeyCompromised",
] as const;

/** One thing that happened to an issuer, with when and in which transaction. */
export type IssuerEvent = {
  blockNumber: bigint;
  transactionHash: Hex;
  /** The block's time, Unix seconds. */
  timestamp: number;
} & (
  | { kind: "registered"; account: Address; name: string; url: string }
  | { kind: "renamed"; name: string }
  | { kind: "website"; url: string }
  | { kind: "suspended" }
  | { kind: "reinstated" }
  | { kind: "rotation-proposed"; newAccount: Address }
  | { kind: "rotated"; previousAccount: Address; newAccount: Address; by: Address }
  | { kind: "compromised"; fromTokenId: bigint; untilTokenId: bigint }
);

/** The topic of one of the registry's events. */
export const topicOf = (eventName: ContractEventName<typeof credentialRegistryAbi>) =>
  encodeEventTopics({ abi: credentialRegistryAbi, eventName } as never)[0]!;
/** An id (or address) as an indexed topic. */
export const idTopic = (id: bigint) => pad(numberToHex(id), { size: 32 });

/** The logs of contract `address` matching `topics`, over the whole chain or blocks `from`..`to`. */
export async function logs(
  client: Client,
  address: Address,
  topics: (Hex | Hex[] | null)[],
  blocks: { from: bigint; to: bigint } | undefined = undefined,
): Promise<Log[]> {
  const hex = (n: bigint): Hex => `0x${n.toString(16)}`;
  return (await client.request({
    method: "eth_getLogs",
    params: [
      { address, topics, fromBlock: blocks ? hex(blocks.from) : "0x0", toBlock: blocks ? hex(blocks.to) : "latest" },
    ],
  })) as Log[];
}

/**
 * Everything that happened to issuer `issuerId`, oldest first, in one log query over the whole
 * chain. Throws when the RPC refuses such a query (public RPCs cap ranges): the indexer answers
 * then.
 */
export async function readIssuerHistory(client: Client, registry: Address, issuerId: bigint): Promise<IssuerEvent[]> {
  const raw = await logs(client, registry, [ISSUER_EVENTS.map(topicOf), idTopic(issuerId)]);
  const parsed = parseEventLogs({ abi: credentialRegistryAbi, logs: raw as never, eventName: [...ISSUER_EVENTS] });
  const times = await timesOf(client, parsed);
  return parsed.map((l) => {
    const at = { blockNumber: l.blockNumber, transactionHash: l.transactionHash, timestamp: times.get(l.blockNumber)! };
    switch (l.eventName) {
      case "IssuerRegistered":
        return { ...at, kind: "registered", account: l.args.account, name: l.args.name, url: l.args.url };
      case "IssuerRenamed":
        return { ...at, kind: "renamed", name: l.args.name };
      case "IssuerURLUpdated":
        return { ...at, kind: "website", url: l.args.url };
      case "IssuerSuspended":
        return { ...at, kind: "suspended" };
      case "IssuerReinstated":
        return { ...at, kind: "reinstated" };
      case "IssuerAccountProposed":
        return { ...at, kind: "rotation-proposed", newAccount: l.args.newAccount };
      case "IssuerAccountChanged":
        return {
          ...at,
          kind: "rotated",
          previousAccount: l.args.previousAccount,
          newAccount: l.args.newAccount,
          by: l.args.by,
        };
      case "IssuerKeyCompromised":
        return { ...at, kind: "compromised", fromTokenId: l.args.fromTokenId, untilTokenId: l.args.untilTokenId };
    }
  });
}

/** Block number → its time (Unix seconds), one `getBlock` per distinct block of `logs`. */
export async function timesOf(client: Client, logs: readonly { blockNumber: bigint }[]): Promise<Map<bigint, number>> {
  const blocks = [...new Set(logs.map((l) => l.blockNumber))];
  return new Map(
    await Promise.all(
      blocks.map(async (n) => [n, Number((await client.getBlock({ blockNumber: n })).timestamp)] as const),
    ),
  );
}

/**
 * The issuer an account used to act for, and the account it acts through now, when `account` was
 * rotated away from (or replaced after a lost key); undefined when it never acted for one.
 */
export async function readFormerIssuerOf(
  client: Client,
  registry: Address,
  account: Address,
): Promise<{ issuerId: bigint; newAccount: Address; timestamp: number } | undefined> {
  const raw = await logs(client, registry, [topicOf("IssuerAccountChanged"), null, pad(account.toLowerCase() as Hex)]);
  const parsed = parseEventLogs({ abi: credentialRegistryAbi, logs: raw as never, eventName: "IssuerAccountChanged" });
  const last = parsed.at(-1);
  if (!last) return undefined;
  const block = await client.getBlock({ blockNumber: last.blockNumber });
  return { issuerId: last.args.issuerId, newAccount: last.args.newAccount, timestamp: Number(block.timestamp) };
}

/**
 * The credential types issuer `issuerId` owns now, and those it may issue as another issuer's
 * delegate, in type order: found by the type events that name it, then read as they are now.
 * Throws when the RPC refuses a log query over the whole chain.
 */
export async function readIssuerTypes(
  client: Client,
  registry: Address,
  issuerId: bigint,
): Promise<{ owned: CredentialTypeInfo[]; delegated: CredentialTypeInfo[] }> {
  const id = idTopic(issuerId);
  const [createdOrDelegated, received] = await Promise.all([
    logs(client, registry, [[topicOf("CredentialTypeCreated"), topicOf("TypeDelegateSet")], null, id]),
    logs(client, registry, [topicOf("TypeOwnershipTransferred"), null, null, id]),
  ]);
  const typeIds = [...new Set([...createdOrDelegated, ...received].map((l) => BigInt(l.topics[1]!)))].sort((a, b) =>
    a < b ? -1 : 1,
  );
  const read = await Promise.all(
    typeIds.map(async (typeId) => {
      const [info, delegate] = await Promise.all([
        client.readContract({
          address: registry,
          abi: credentialRegistryAbi,
          functionName: "credentialType",
          args: [typeId],
        }),
        client.readContract({
          address: registry,
          abi: credentialRegistryAbi,
          functionName: "isTypeDelegate",
          args: [typeId, issuerId],
        }),
      ]);
      return { info, delegate };
    }),
  );
  return {
    owned: read.filter((t) => t.info.ownerIssuerId === issuerId).map((t) => t.info),
    delegated: read.filter((t) => t.delegate && t.info.ownerIssuerId !== issuerId).map((t) => t.info),
  };
}
