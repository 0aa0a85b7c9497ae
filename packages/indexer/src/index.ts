/**
 * The indexing functions: each event of the registry and the claim-link contract becomes rows.
 *
 * A mint's Transfer carries only the holder and id. The credential's other facts (type, vouching
 * issuer, delegate, dates, evidence) come from the transaction's own call when an account called
 * the registry's `issue` or `issueBatch` directly (the registry's rules applied to its arguments:
 * no read needed); otherwise (a contract wallet, a claim link, a stack, a move) they are read from
 * the lens's `credentialRecords`, one call per range of new ids in a block. Reconciliation
 * (`pnpm indexer:check`) compares both with the chain.
 * Statuses the chain derives (a key-compromise watermark, a stack's revoked or moved component)
 * are recorded when the event that causes them is indexed; expiry never is (src/status.ts).
 */
import { ponder, type Context } from "ponder:registry";
import {
  claimRound,
  credential,
  issuerAccount,
  credentialEvent,
  credentialType,
  issuer,
  issuerEvent,
  stackComponent,
  typeDelegate,
  typeEra,
} from "ponder:schema";
import { and, eq, gte, inArray, isNotNull, lte, or } from "ponder";
import {
  decodeFunctionData,
  toFunctionSelector,
  getAbiItem,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
} from "viem";

import { credentialLensAbi, credentialRegistryAbi } from "@onchaincert/sdk";

import { deployment } from "./deployment";

/** Records read in one call: a full `issueBatch` (320) in two, each about 5M gas (under eth_call caps). */
const RECORD_RANGE = 200n;
/**
 * Above this many credentials, a watermark revokes them in one SQL UPDATE (see its handler);
 * INDEXER_WATERMARK_ROWS_IN_STORE sets another bound (the tests take each path with the demo's).
 */
const WATERMARK_ROWS_IN_STORE = rowBound(process.env.INDEXER_WATERMARK_ROWS_IN_STORE, 1_000);
const REVOKED = 3;
const MOVED = 5;

type Record = {
  tokenId: bigint;
  status: number;
  holder: Hex;
  typeId: bigint;
  issuerId: bigint;
  delegateIssuerId: bigint;
  issuedAt: bigint;
  validUntil: bigint;
  revocationReason: number;
  revokedAt: bigint;
  evidenceHash: Hex;
  components: readonly bigint[];
  movedTo: bigint;
  movedFrom: bigint;
};

/**
 * Records read at one block, by id: the next mint in the block is usually the next id. Keyed by
 * the block's hash: after a reorg, a block at the same height is another block.
 */
let recordBlock: Hex | undefined;
let records = new Map<bigint, Record>();

async function recordAt(context: Context, tokenId: bigint, blockNumber: bigint, blockHash: Hex): Promise<Record> {
  if (recordBlock !== blockHash) {
    recordBlock = blockHash;
    records = new Map();
  }
  let record = records.get(tokenId);
  if (!record) {
    const read = await context.client.readContract({
      abi: credentialLensAbi,
      address: deployment.lens,
      functionName: "credentialRecords",
      args: [tokenId, RECORD_RANGE],
      blockNumber,
    });
    for (const r of read) records.set(r.tokenId, r as Record);
    record = records.get(tokenId);
    if (!record) throw new Error(`The lens has no record of credential ${tokenId} at block ${blockNumber}.`);
  }
  return record;
}

const ISSUE = toFunctionSelector(getAbiItem({ abi: credentialRegistryAbi, name: "issue" }));
const ISSUE_BATCH = toFunctionSelector(getAbiItem({ abi: credentialRegistryAbi, name: "issueBatch" }));
const CREATE_TYPE = toFunctionSelector(getAbiItem({ abi: credentialRegistryAbi, name: "createCredentialType" }));
const MAX_32 = 2n ** 32n - 1n;

/** The arguments of the transaction's `issue` / `issueBatch`, decoded once per transaction. */
type IssueCall = {
  hash: Hex;
  typeId: bigint;
  /** Recipient (lower case) → its row in the call: one credential per holder and type, so unique. */
  rows: Map<string, number>;
  validUntils: readonly bigint[];
  evidence: readonly Hex[];
};
let issueCall: IssueCall | undefined;

function decodeIssueCall(tx: { hash: Hex; to: Address | null; input: Hex }): IssueCall | undefined {
  if (tx.to?.toLowerCase() !== deployment.registry.toLowerCase()) return undefined;
  const selector = tx.input.slice(0, 10);
  if (selector !== ISSUE && selector !== ISSUE_BATCH) return undefined;
  if (issueCall?.hash === tx.hash) return issueCall;
  const call = decodeFunctionData({ abi: credentialRegistryAbi, data: tx.input });
  if (call.functionName === "issue") {
    const [typeId, recipient, validUntil, evidence] = call.args;
    issueCall = {
      hash: tx.hash,
      typeId,
      rows: new Map([[recipient.toLowerCase(), 0]]),
      validUntils: [validUntil],
      evidence: [evidence],
    };
  } else if (call.functionName === "issueBatch") {
    const [typeId, recipients, validUntils, evidence] = call.args;
    const rows = new Map(recipients.map((r, i) => [r.toLowerCase(), i] as const));
    issueCall = { hash: tx.hash, typeId, rows, validUntils, evidence };
  } else return undefined;
  return issueCall;
}

/**
 * A credential minted by an account's direct `issue` / `issueBatch`, from its arguments and the
 * registry's rules: the type's owner vouches for it; the sender is the owner's account or a
 * delegate's; an expiry of 0 is the type's default from the block's time. Undefined when the
 * transaction is anything else (the record is read from the chain then).
 */
async function fromCall(
  context: Context,
  event: {
    args: { to: Address };
    block: { timestamp: bigint };
    transaction: { hash: Hex; from: Address; to: Address | null; input: Hex };
  },
  tokenId: bigint,
): Promise<Record | undefined> {
  const call = decodeIssueCall(event.transaction);
  const row = call?.rows.get(event.args.to.toLowerCase());
  if (!call || row === undefined) return undefined;
  const type = await context.db.find(credentialType, { id: call.typeId });
  const owner = type && (await context.db.find(issuer, { id: type.ownerIssuerId }));
  if (!type || !owner) return undefined;
  const sender = event.transaction.from.toLowerCase();
  const delegate =
    sender === owner.account.toLowerCase()
      ? undefined
      : await context.db.find(issuerAccount, { account: sender as Hex });
  if (sender !== owner.account.toLowerCase() && !delegate) return undefined;
  const requested = call.validUntils[row] ?? 0n;
  const fallback = type.validityPeriod === 0n ? 0n : event.block.timestamp + type.validityPeriod;
  if (fallback > MAX_32) return undefined;
  return {
    tokenId,
    status: 1,
    holder: event.args.to,
    typeId: call.typeId,
    issuerId: type.ownerIssuerId,
    delegateIssuerId: delegate?.issuerId ?? 0n,
    issuedAt: event.block.timestamp,
    validUntil: requested === 0n ? fallback : requested,
    revocationReason: 0,
    revokedAt: 0n,
    evidenceHash: call.evidence[row] ?? zeroHash,
    components: [],
    movedTo: 0n,
    movedFrom: 0n,
  };
}

type Meta = {
  event: {
    id: string;
    log: { logIndex: number };
    block: { number: bigint; timestamp: bigint };
    transaction: { hash: Hex };
  };
};

function at({ event }: Meta) {
  return {
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  };
}

/** Adds a line to a credential's history, under its vouching issuer. */
async function history(
  meta: Meta,
  context: Context,
  tokenId: bigint,
  kind: string,
  fields: Partial<typeof credentialEvent.$inferInsert> = {},
  id = meta.event.id,
) {
  const row = await context.db.find(credential, { id: tokenId });
  await context.db
    .insert(credentialEvent)
    .values({ id, tokenId, kind, issuerId: row?.issuerId ?? 0n, ...at(meta), ...fields });
}

async function issuerHistory(
  meta: Meta,
  context: Context,
  issuerId: bigint,
  kind: string,
  fields: { account?: Hex; detail?: string } = {},
) {
  await context.db.insert(issuerEvent).values({ id: meta.event.id, issuerId, kind, ...at(meta), ...fields });
}

/**
 * Re-reads from the chain every stack built from a credential of the chain of moves that
 * `tokenId` belongs to, keeping what the chain derives from its components: revoked (255, or 254
 * through a watermark) and held elsewhere (Moved).
 */
async function refreshStacks(context: Context, originals: bigint[], blockNumber: bigint) {
  if (originals.length === 0) return;
  // Plain selects only: Ponder takes a query it cannot prove read-only (SELECT DISTINCT is one, and
  // any SQL over 5,000 characters) for a write, and then drops its in-memory tables for the rest
  // of the run, which made every later insert a database read (a catch-up ran at half speed after
  // the demo's first revocation). Hence de-duplicated here, and ids asked for 200 at a time.
  const stacks = new Set<bigint>();
  for (let i = 0; i < originals.length; i += 200) {
    const rows = await context.db.sql
      .select({ id: stackComponent.stackTokenId })
      .from(stackComponent)
      .innerJoin(credential, eq(credential.id, stackComponent.componentTokenId))
      .where(inArray(credential.originalTokenId, originals.slice(i, i + 200)));
    for (const row of rows) stacks.add(row.id);
  }
  for (const original of stacks) {
    // The stack and any credentials it was moved to: each carries the same components.
    const chain = await context.db.sql
      .select({ id: credential.id })
      .from(credential)
      .where(eq(credential.originalTokenId, original));
    for (const { id } of chain) {
      const [record] = await context.client.readContract({
        abi: credentialLensAbi,
        address: deployment.lens,
        functionName: "credentialRecords",
        args: [id, 1n],
        blockNumber,
      });
      if (!record) continue;
      const row = await context.db.find(credential, { id });
      if (!row) continue;
      const derived = record.status === REVOKED && row.revocationReason === 0 && record.revocationReason >= 254;
      await context.db.update(credential, { id }).set({
        componentsAway: record.status === MOVED && record.movedTo === 0n,
        ...(derived ? { revocationReason: record.revocationReason, revokedAt: record.revokedAt } : {}),
      });
    }
  }
}

// ---------------------------------------------------------------------------- issuers

ponder.on("CredentialRegistry:IssuerRegistered", async ({ event, context }) => {
  const { issuerId, account, name, url } = event.args;
  await context.db.insert(issuer).values({
    id: issuerId,
    account,
    name,
    url,
    suspended: false,
    registeredAt: event.block.timestamp,
  });
  await context.db.insert(issuerAccount).values({ account, issuerId }).onConflictDoUpdate({ issuerId });
  await issuerHistory({ event }, context, issuerId, "registered", { account, detail: name });
});

ponder.on("CredentialRegistry:IssuerRenamed", async ({ event, context }) => {
  await context.db.update(issuer, { id: event.args.issuerId }).set({ name: event.args.name });
  await issuerHistory({ event }, context, event.args.issuerId, "renamed", { detail: event.args.name });
});

ponder.on("CredentialRegistry:IssuerURLUpdated", async ({ event, context }) => {
  await context.db.update(issuer, { id: event.args.issuerId }).set({ url: event.args.url });
  await issuerHistory({ event }, context, event.args.issuerId, "urlUpdated", { detail: event.args.url });
});

ponder.on("CredentialRegistry:IssuerSuspended", async ({ event, context }) => {
  await context.db
    .update(issuer, { id: event.args.issuerId })
    .set({ suspended: true, suspendedAt: event.block.timestamp });
  await issuerHistory({ event }, context, event.args.issuerId, "suspended");
});

ponder.on("CredentialRegistry:IssuerReinstated", async ({ event, context }) => {
  await context.db.update(issuer, { id: event.args.issuerId }).set({ suspended: false, suspendedAt: null });
  await issuerHistory({ event }, context, event.args.issuerId, "reinstated");
});

ponder.on("CredentialRegistry:IssuerAccountProposed", async ({ event, context }) => {
  const { issuerId, newAccount } = event.args;
  const pending = newAccount === zeroAddress ? null : newAccount;
  await context.db.update(issuer, { id: issuerId }).set({ pendingAccount: pending });
  await issuerHistory({ event }, context, issuerId, pending ? "accountProposed" : "proposalCancelled", {
    account: newAccount,
  });
});

ponder.on("CredentialRegistry:IssuerAccountChanged", async ({ event, context }) => {
  const { issuerId, previousAccount, newAccount, by } = event.args;
  await context.db.update(issuer, { id: issuerId }).set({ account: newAccount, pendingAccount: null });
  await context.db.delete(issuerAccount, { account: previousAccount });
  await context.db.insert(issuerAccount).values({ account: newAccount, issuerId }).onConflictDoUpdate({ issuerId });
  await issuerHistory({ event }, context, issuerId, "accountChanged", { account: newAccount, detail: by });
});

ponder.on("CredentialRegistry:IssuerKeyCompromised", async ({ event, context }) => {
  const { issuerId, fromTokenId, untilTokenId } = event.args;
  const row = await context.db.find(issuer, { id: issuerId });
  const since = row?.compromisedAt ?? event.block.timestamp;
  await context.db
    .update(issuer, { id: issuerId })
    .set({ compromisedFrom: fromTokenId, compromisedUntil: untilTokenId, compromisedAt: since });
  await issuerHistory({ event }, context, issuerId, "keyCompromised", { detail: `${fromTokenId}-${untilTokenId}` });
  // Everything the issuer vouched for, or issued as a delegate, with an original id in the range.
  const covered = and(
    eq(credential.revocationReason, 0),
    or(eq(credential.issuerId, issuerId), eq(credential.delegateIssuerId, issuerId)),
    gte(credential.originalTokenId, fromTokenId),
    lte(credential.originalTokenId, untilTokenId),
  );
  // Row by row through the store, not one SQL UPDATE: a write in SQL drops Ponder's in-memory
  // tables for the rest of the run (see refreshStacks). But live, the store reads each row it
  // updates from the database: over many rows one UPDATE is the faster of the two.
  const hit = await context.db.sql.select({ id: credential.id }).from(credential).where(covered);
  if (hit.length > WATERMARK_ROWS_IN_STORE) {
    await context.db.sql.update(credential).set({ revocationReason: 254, revokedAt: since }).where(covered);
  } else {
    for (const { id } of hit)
      await context.db.update(credential, { id }).set({ revocationReason: 254, revokedAt: since });
  }
  // A credential a move created is also revoked when the watermark covers the move the issuer
  // proposed (the chain's MoveRecord.issuerLink), whatever its original id: ask the chain about
  // each of the issuer's moved-in credentials still standing (there are as many as moves).
  const movedIn = await context.db.sql
    .select({ id: credential.id, original: credential.originalTokenId })
    .from(credential)
    .where(and(eq(credential.revocationReason, 0), eq(credential.issuerId, issuerId), isNotNull(credential.movedFrom)));
  for (const { id } of movedIn) {
    const [record] = await context.client.readContract({
      abi: credentialLensAbi,
      address: deployment.lens,
      functionName: "credentialRecords",
      args: [id, 1n],
      blockNumber: event.block.number,
    });
    if (record?.status === REVOKED && record.revocationReason === 254)
      await context.db.update(credential, { id }).set({ revocationReason: 254, revokedAt: record.revokedAt });
  }
  // The components this watermark revoked: the issuer's (as vouching issuer or delegate).
  const components = await context.db.sql
    .select({ original: credential.originalTokenId })
    .from(stackComponent)
    .innerJoin(credential, eq(credential.id, stackComponent.componentTokenId))
    .where(
      and(
        eq(credential.revocationReason, 254),
        or(eq(credential.issuerId, issuerId), eq(credential.delegateIssuerId, issuerId)),
      ),
    );
  await refreshStacks(context, [...new Set(components.map((c) => c.original))], event.block.number);
});

// ---------------------------------------------------------------------------- types

ponder.on("CredentialRegistry:CredentialTypeCreated", async ({ event, context }) => {
  const { typeId, issuerId, kind, name } = event.args;
  // An account's direct `createCredentialType`: its input is what was stored. Otherwise, read it.
  const tx = event.transaction;
  const direct =
    tx.to?.toLowerCase() === deployment.registry.toLowerCase() && tx.input.startsWith(CREATE_TYPE)
      ? decodeFunctionData({ abi: credentialRegistryAbi, data: tx.input })
      : undefined;
  const info =
    direct?.functionName === "createCredentialType"
      ? direct.args[0]
      : await context.client.readContract({
          abi: credentialRegistryAbi,
          address: deployment.registry,
          functionName: "credentialType",
          args: [typeId],
          blockNumber: event.block.number,
        });
  await context.db.insert(credentialType).values({
    id: typeId,
    ownerIssuerId: issuerId,
    name,
    kind,
    credits: info.credits,
    validityPeriod: BigInt(info.validityPeriod),
    requiredComponents: info.requiredComponents,
    components: [...info.components],
    createdAt: event.block.timestamp,
    retired: false,
  });
  await context.db
    .insert(typeEra)
    .values({ typeId, fromTokenId: 0n, issuerId, since: event.block.timestamp })
    .onConflictDoNothing();
});

ponder.on("CredentialRegistry:TypeDelegateSet", async ({ event, context }) => {
  const { typeId, delegateIssuerId, authorised } = event.args;
  await context.db
    .insert(typeDelegate)
    .values({ typeId, issuerId: delegateIssuerId, authorised, updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ authorised, updatedAt: event.block.timestamp });
});

ponder.on("CredentialRegistry:TypeOffered", async ({ event, context }) => {
  const to = event.args.toIssuerId;
  await context.db
    .update(credentialType, { id: event.args.typeId })
    .set({ pendingOwnerIssuerId: to === 0n ? null : to });
});

ponder.on("CredentialRegistry:TypeOwnershipTransferred", async ({ event, context }) => {
  const { typeId, toIssuerId, fromTokenId } = event.args;
  await context.db
    .update(credentialType, { id: typeId })
    .set({ ownerIssuerId: toIssuerId, pendingOwnerIssuerId: null });
  await context.db
    .insert(typeEra)
    .values({ typeId, fromTokenId, issuerId: toIssuerId, since: event.block.timestamp })
    .onConflictDoUpdate({ issuerId: toIssuerId, since: event.block.timestamp });
});

ponder.on("CredentialRegistry:CredentialTypeRetired", async ({ event, context }) => {
  const successor = event.args.successorTypeId;
  await context.db
    .update(credentialType, { id: event.args.typeId })
    .set({ retired: true, successorTypeId: successor === 0n ? null : successor });
});

// ---------------------------------------------------------------------------- credentials

ponder.on("CredentialRegistry:Transfer", async ({ event, context }) => {
  // Credentials are soulbound: the only Transfers are mints and the burns of renounce and move,
  // which their own events record.
  if (event.args.from !== zeroAddress) return;
  const tokenId = event.args.tokenId;
  const called = await fromCall(context, event, tokenId);
  const r = called ?? (await recordAt(context, tokenId, event.block.number, event.block.hash));
  // A direct call names its actor (the sender) and whether it was a batch: CredentialsIssued,
  // which follows, has nothing to add (see below).
  const direct =
    called && issueCall
      ? { actor: event.transaction.from, via: issueCall.rows.size > 1 ? "batch" : "direct" }
      : undefined;
  const from = r.movedFrom === 0n ? undefined : await context.db.find(credential, { id: r.movedFrom });
  // An owner's single `issue` names no actor: it was the owner's account. Batches, delegates,
  // claims, stacks and moves name theirs in the events that follow in the transaction.
  const owner = await context.db.find(issuer, { id: r.issuerId });
  const derivedRevocation = r.status === REVOKED && r.revocationReason >= 254;
  await context.db.insert(credential).values({
    id: tokenId,
    holder: event.args.to,
    typeId: r.typeId,
    issuerId: r.issuerId,
    delegateIssuerId: r.delegateIssuerId,
    actor: direct?.actor ?? owner?.account ?? zeroAddress,
    issuedAt: r.issuedAt,
    validUntil: r.validUntil,
    evidenceHash: r.evidenceHash === zeroHash ? null : r.evidenceHash,
    components: [...r.components],
    originalTokenId: from?.originalTokenId ?? tokenId,
    movedFrom: from ? r.movedFrom : null,
    revocationReason: derivedRevocation ? r.revocationReason : 0,
    revokedAt: derivedRevocation ? r.revokedAt : null,
    componentsAway: false,
    via: direct?.via ?? (from ? "move" : r.components.length ? "stack" : "direct"),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
  if (r.components.length !== 0) {
    await context.db
      .insert(stackComponent)
      .values(r.components.map((c) => ({ stackTokenId: from?.originalTokenId ?? tokenId, componentTokenId: c })))
      .onConflictDoNothing();
  }
  // No history line of its own: the credential row is its issuance (the API shows it as the first
  // line), which keeps a 320-credential batch to 320 rows.
});

/** Names the acting account (and how, and the claim round) on credentials just minted in this transaction. */
async function setActor(
  context: Context,
  tokenIds: bigint[],
  fields: { actor: Hex; via?: string; claimRoundId?: bigint },
) {
  for (const id of tokenIds) await context.db.update(credential, { id }).set(fields);
}

ponder.on("CredentialRegistry:CredentialsIssued", async ({ event, context }) => {
  const { firstTokenId, count, actor } = event.args;
  // An account's direct issue/issueBatch: its mints were recorded with this actor already.
  if (decodeIssueCall(event.transaction)) return;
  const ids = Array.from({ length: Number(count) }, (_, i) => firstTokenId + BigInt(i));
  // A delegate's single `issue` names its actor here too: a batch is more than one.
  await setActor(context, ids, { actor, ...(count > 1n ? { via: "batch" } : {}) });
});

ponder.on("CredentialRegistry:StackClaimed", async ({ event, context }) => {
  await setActor(context, [event.args.tokenId], { actor: event.transaction.from });
});

ponder.on("CredentialRegistry:CredentialRevoked", async ({ event, context }) => {
  const { tokenId, revoker, reason, note } = event.args;
  const row = await context.db.find(credential, { id: tokenId });
  await context.db.update(credential, { id: tokenId }).set({
    revocationReason: reason,
    revokedAt: event.block.timestamp,
    revokedBy: revoker,
    revocationNote: note,
  });
  await history({ event }, context, tokenId, "revoked", { actor: revoker, reason, note });
  if (row) await refreshStacks(context, [row.originalTokenId], event.block.number);
});

ponder.on("CredentialRegistry:CredentialRenewed", async ({ event, context }) => {
  const { tokenId, renewer, validUntil } = event.args;
  await context.db.update(credential, { id: tokenId }).set({ validUntil });
  await history({ event }, context, tokenId, "renewed", { actor: renewer, validUntil });
});

ponder.on("CredentialRegistry:CredentialRenounced", async ({ event, context }) => {
  const { tokenId, holder } = event.args;
  await context.db.update(credential, { id: tokenId }).set({ renouncedAt: event.block.timestamp });
  await history({ event }, context, tokenId, "renounced", { actor: holder });
});

ponder.on("CredentialRegistry:CredentialMoveProposed", async ({ event, context }) => {
  const { tokenId, newHolder, proposer } = event.args;
  await context.db.update(credential, { id: tokenId }).set({ pendingMove: newHolder });
  await history({ event }, context, tokenId, "moveProposed", {
    actor: proposer,
    note: newHolder,
    readyAt: event.args.readyAt,
  });
});

ponder.on("CredentialRegistry:CredentialMoveCancelled", async ({ event, context }) => {
  const { tokenId, by } = event.args;
  await context.db.update(credential, { id: tokenId }).set({ pendingMove: null });
  await history({ event }, context, tokenId, "moveCancelled", { actor: by });
});

ponder.on("CredentialRegistry:CredentialMoved", async ({ event, context }) => {
  const { tokenId, newTokenId, newHolder } = event.args;
  await context.db.update(credential, { id: tokenId }).set({ movedTo: newTokenId, pendingMove: null });
  await context.db.update(credential, { id: newTokenId }).set({ actor: newHolder });
  await history({ event }, context, tokenId, "moved", { actor: newHolder, relatedId: newTokenId });
  await history(
    { event },
    context,
    newTokenId,
    "movedHere",
    { actor: newHolder, relatedId: tokenId },
    `${event.id}-here`,
  );
  const row = await context.db.find(credential, { id: tokenId });
  if (row) await refreshStacks(context, [row.originalTokenId], event.block.number);
});

// ---------------------------------------------------------------------------- claim links

ponder.on("CredentialClaims:RoundOpened", async ({ event, context }) => {
  const { roundId, typeId, issuerId, opener, size, deadline } = event.args;
  await context.db.insert(claimRound).values({
    id: roundId,
    typeId,
    issuerId,
    opener,
    size,
    deadline,
    openedAt: event.block.timestamp,
    claimed: 0,
    voided: 0,
  });
});

ponder.on("CredentialClaims:LinkClaimed", async ({ event, context }) => {
  const { roundId, tokenId } = event.args;
  await setActor(context, [tokenId], { actor: event.transaction.from, via: "link", claimRoundId: roundId });
  await context.db.update(claimRound, { id: roundId }).set((row) => ({ claimed: row.claimed + 1 }));
});

ponder.on("CredentialClaims:LinkVoided", async ({ event, context }) => {
  await context.db.update(claimRound, { id: event.args.roundId }).set((row) => ({ voided: row.voided + 1 }));
});

ponder.on("CredentialClaims:RoundClosed", async ({ event, context }) => {
  await context.db.update(claimRound, { id: event.args.roundId }).set({ closedAt: event.block.timestamp });
});

/** A whole number of rows from the environment, or `fallback` when unset; anything else stops the indexer. */
function rowBound(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`INDEXER_WATERMARK_ROWS_IN_STORE must be a whole number, not "${value}".`);
  return Number(value);
}
