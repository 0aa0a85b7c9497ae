/**
 * What the index keeps. Facts as the chain's events state them, never a verdict: a credential row
 * holds its dates, revocation, renunciation and moves; whether it reads Valid or Expired is worked
 * out when it is asked for (src/status.ts), against the time of the question.
 */
import { index, onchainTable, primaryKey } from "ponder";

/** An organisation the admin registered, as it stands now. */
export const issuer = onchainTable(
  "issuer",
  (t) => ({
    id: t.bigint().primaryKey(),
    account: t.hex().notNull(),
    name: t.text().notNull(),
    url: t.text().notNull(),
    suspended: t.boolean().notNull(),
    registeredAt: t.bigint().notNull(),
    suspendedAt: t.bigint(),
    pendingAccount: t.hex(),
    compromisedFrom: t.bigint(),
    compromisedUntil: t.bigint(),
    compromisedAt: t.bigint(),
  }),
  (table) => ({ accountIndex: index().on(table.account) }),
);

/** Which issuer an account acts for now (to tell a delegate's issuance from the owner's). */
export const issuerAccount = onchainTable("issuer_account", (t) => ({
  account: t.hex().primaryKey(),
  issuerId: t.bigint().notNull(),
}));

/** Everything that happened to an issuer: registration, renames, suspensions, key changes. */
export const issuerEvent = onchainTable(
  "issuer_event",
  (t) => ({
    id: t.text().primaryKey(),
    issuerId: t.bigint().notNull(),
    kind: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    /** The account named by the event (the new account, the proposed one), if any. */
    account: t.hex(),
    /** The event's own words: the new name or URL, or the watermark's range. */
    detail: t.text(),
  }),
  (table) => ({ issuerIndex: index().on(table.issuerId, table.blockNumber, table.logIndex) }),
);

/** A credential type: who owns it now, its kind and credits, whether it is retired. */
export const credentialType = onchainTable(
  "credential_type",
  (t) => ({
    id: t.bigint().primaryKey(),
    ownerIssuerId: t.bigint().notNull(),
    pendingOwnerIssuerId: t.bigint(),
    name: t.text().notNull(),
    kind: t.integer().notNull(),
    credits: t.integer().notNull(),
    validityPeriod: t.bigint().notNull(),
    requiredComponents: t.integer().notNull(),
    components: t.bigint().array().notNull(),
    createdAt: t.bigint().notNull(),
    retired: t.boolean().notNull(),
    successorTypeId: t.bigint(),
  }),
  (table) => ({ ownerIndex: index().on(table.ownerIssuerId) }),
);

/** The owners of a type over time: credentials from `fromTokenId` on name `issuerId`. */
export const typeEra = onchainTable(
  "type_era",
  (t) => ({
    typeId: t.bigint().notNull(),
    fromTokenId: t.bigint().notNull(),
    issuerId: t.bigint().notNull(),
    since: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.typeId, table.fromTokenId] }) }),
);

/** Issuers a type's owner authorised to issue it (authorised false once withdrawn). */
export const typeDelegate = onchainTable(
  "type_delegate",
  (t) => ({
    typeId: t.bigint().notNull(),
    issuerId: t.bigint().notNull(),
    authorised: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.typeId, table.issuerId] }) }),
);

/**
 * One credential. `issuerId` is the organisation that vouches for it (the type's owner when it
 * was issued), `delegateIssuerId` the delegate that issued it for that owner (0 for none),
 * `actor` the account that sent the issuing call.
 */
export const credential = onchainTable(
  "credential",
  (t) => ({
    id: t.bigint().primaryKey(),
    holder: t.hex().notNull(),
    typeId: t.bigint().notNull(),
    issuerId: t.bigint().notNull(),
    delegateIssuerId: t.bigint().notNull(),
    actor: t.hex().notNull(),
    issuedAt: t.bigint().notNull(),
    /** 0: does not expire. */
    validUntil: t.bigint().notNull(),
    evidenceHash: t.hex(),
    /** For a stack: the component credentials it was built from. */
    components: t.bigint().array().notNull(),
    /** The first credential of its chain of moves (itself if never moved). */
    originalTokenId: t.bigint().notNull(),
    movedFrom: t.bigint(),
    movedTo: t.bigint(),
    pendingMove: t.hex(),
    /** 0: not revoked; 1–6 by its issuer or the admin; 254 a key-compromise watermark; 255 a component. */
    revocationReason: t.integer().notNull(),
    revokedAt: t.bigint(),
    revokedBy: t.hex(),
    revocationNote: t.text(),
    renouncedAt: t.bigint(),
    /** True while a stack's components are held at another address (it reads Moved). */
    componentsAway: t.boolean().notNull(),
    claimRoundId: t.bigint(),
    /** How it was issued: direct (a single issue), batch, link (a claim link), stack, or move. */
    via: t.text().notNull(),
    /** Where it was minted: its issuance, the first line of its history. */
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({
    issuerIndex: index().on(table.issuerId, table.id),
    holderIndex: index().on(table.holder, table.id),
    typeIndex: index().on(table.typeId, table.id),
    expiryIndex: index().on(table.issuerId, table.validUntil),
    blockIndex: index().on(table.issuerId, table.blockNumber),
    originalIndex: index().on(table.originalTokenId),
  }),
);

/** A stack's components by their original token id, to find the stacks a component change touches. */
export const stackComponent = onchainTable(
  "stack_component",
  (t) => ({
    stackTokenId: t.bigint().notNull(),
    componentTokenId: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.stackTokenId, table.componentTokenId] }),
    componentIndex: index().on(table.componentTokenId),
  }),
);

/**
 * Everything that happened to a credential after its issuance, in chain order (the issuance is
 * the credential row itself).
 */
export const credentialEvent = onchainTable(
  "credential_event",
  (t) => ({
    id: t.text().primaryKey(),
    tokenId: t.bigint().notNull(),
    /** revoked, renewed, renounced, moveProposed, moveCancelled, moved, movedHere. */
    kind: t.text().notNull(),
    issuerId: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    /** Who acted: the issuing account, revoker, renewer, holder, proposer or new holder. */
    actor: t.hex(),
    reason: t.integer(),
    note: t.text(),
    validUntil: t.bigint(),
    /** For a proposed move: when the new address may accept it. */
    readyAt: t.bigint(),
    /** The credential on the other side of a move. */
    relatedId: t.bigint(),
  }),
  (table) => ({
    tokenIndex: index().on(table.tokenId, table.blockNumber, table.logIndex),
    issuerIndex: index().on(table.issuerId, table.blockNumber),
  }),
);

/** A round of claim links. */
export const claimRound = onchainTable("claim_round", (t) => ({
  id: t.bigint().primaryKey(),
  typeId: t.bigint().notNull(),
  issuerId: t.bigint().notNull(),
  opener: t.hex().notNull(),
  size: t.bigint().notNull(),
  deadline: t.bigint().notNull(),
  openedAt: t.bigint().notNull(),
  claimed: t.integer().notNull(),
  voided: t.integer().notNull(),
  closedAt: t.bigint(),
}));
