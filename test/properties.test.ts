/**
 * Property tests, run against the contract and against a TypeScript model of what it promises.
 *
 * 1. Random sequences of issue / batch (by owners and delegates) / revoke / renew / renounce /
 *    claim / move (propose, wait MOVE_DELAY, accept or cancel) / suspend /
 *    reinstate / hand-over / key replacement / key-compromise watermark / time travel / transfer
 *    attempts. After every step the chain equals the model, and in particular:
 *    - the issuing organisation of every credential never changes (hand-overs, key rotations,
 *      moves and renames whatever);
 *    - a revoked or expired credential is never reported valid;
 *    - at most one credential per holder and type is not revoked, renounced or moved;
 *    - a call by anyone not authorised reverts with the error the model predicts and changes nothing;
 *    - the lens lists exactly the model's credentials for every holder.
 * 2. No holder action blocks or hides a revocation: whatever a holder does with their credentials
 *    (renounce, claim and renounce stacks, attempt transfers), the issuer can revoke any of them
 *    within 45,000 gas, and it reads Revoked, with every stack built on it, from then on.
 * 3. tokenURI always decodes to JSON with a well-formed, script-free SVG, whatever the strings.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { issuerNameKey, nameProblem } from "@onchaincert/sdk";

import {
  DAY,
  HANDOVER_DELAY,
  Kind,
  MOVE_DELAY,
  Reason,
  Status,
  register,
  registryWithType,
  typeInput,
} from "./helpers/fixtures";
import { decodeTokenURI } from "./helpers/metadata";
import { readerFor, type Read } from "./helpers/readBatch";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const STACK = 4;
const TYPE_PERIOD: Record<number, number> = { 1: 365 * DAY, 2: 3 * DAY, 3: 0, 4: 0 };
/** Credits in hundredths; the stack's own never count (its components do). */
const TYPE_CREDITS: Record<number, number> = { 1: 0, 2: 25, 3: 300, 4: 1000 };
const STACK_COMPONENTS = [1, 2, 3];
const STACK_REQUIRED = 2;
const ADMIN_ROLE = ethers.ZeroHash;

/**
 * Acme (issuer 1) owns types 1, 2 and the 2-of-3 stack 4 and delegates type 1 to Northwind
 * (issuer 2), which owns type 3. Signers: 0 admin, 1 Acme, 2 Northwind, 3 a stranger, 4–7
 * holders, 8–11 fresh accounts for key replacements.
 */
async function fixture() {
  const d = await registryWithType();
  const a = d.registry.connect(d.issuerA);
  await a.createCredentialType(
    typeInput({ name: "Short badge", kind: Kind.Badge, validityPeriod: 3 * DAY, credits: TYPE_CREDITS[2] }),
  );
  await d.registry
    .connect(d.issuerB)
    .createCredentialType(typeInput({ name: "B's skill", validityPeriod: 0, credits: TYPE_CREDITS[3] }));
  await a.createCredentialType(
    typeInput({
      name: "Stack",
      components: STACK_COMPONENTS,
      requiredComponents: STACK_REQUIRED,
      validityPeriod: 0,
      credits: TYPE_CREDITS[4],
    }),
  );
  await a.setTypeDelegate(1, 2, true);
  const signers: HardhatEthersSigner[] = [d.admin, d.issuerA, d.issuerB, d.stranger, ...d.holders.slice(0, 8)];
  return { ...d, signers, read: await readerFor() };
}

// ------------------------------------------------------------------ the model

interface Token {
  holder: string;
  typeId: number;
  issuerId: number;
  original: number;
  validUntil: number;
  reason: number;
  renounced: boolean;
  movedTo: number;
  components: number[];
  /** The delegate issuer that issued it (0: the type's owner). */
  delegate: number;
  /** For a credential created by moves: the chain's latest link the vouching issuer proposed before any watermark over it. */
  issuerLink: number;
}

interface Issuer {
  account: string;
  active: boolean;
  needsNewKey: boolean;
  from: number;
  until: number;
}

type Expected = [string, unknown[]] | null;

class Model {
  tokens = new Map<number, Token>();
  latest = new Map<string, number>();
  lists = new Map<string, number[]>();
  issuers = new Map<number, Issuer>();
  owners: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 1 };
  delegates: Record<number, Set<number>> = { 1: new Set([2]), 2: new Set(), 3: new Set(), 4: new Set() };
  lastId = 0;

  constructor(acme: string, northwind: string) {
    this.issuers.set(1, { account: acme, active: true, needsNewKey: false, from: 0, until: 0 });
    this.issuers.set(2, { account: northwind, active: true, needsNewKey: false, from: 0, until: 0 });
  }

  issuerOf(account: string): number {
    for (const [id, i] of this.issuers) if (i.account === account) return id;
    return 0;
  }

  list(holder: string): number[] {
    if (!this.lists.has(holder)) this.lists.set(holder, []);
    return this.lists.get(holder)!;
  }

  latestOf(holder: string, typeId: number): number {
    return this.latest.get(`${holder}:${typeId}`) ?? 0;
  }

  /** Whether issuer `issuerId`'s key-compromise watermark covers token id `id`. */
  covers(issuerId: number, id: number): boolean {
    const issuer = this.issuers.get(issuerId)!;
    return issuer.from !== 0 && id >= issuer.from && id <= issuer.until;
  }

  /**
   * The credential's own revocation: given (1–6), or by a watermark (254) over the issuer that
   * vouches for it, over the delegate that issued it, or over the issuer whose move created it;
   * 0 when none.
   */
  ownRevocation(id: number): number {
    const t = this.tokens.get(id)!;
    if (t.reason !== 0) return t.reason;
    const covered =
      this.covers(t.issuerId, t.original) ||
      (t.delegate !== 0 && this.covers(t.delegate, t.original)) ||
      (t.issuerLink !== 0 && this.covers(t.issuerId, t.issuerLink));
    return covered ? Reason.KeyCompromised : 0;
  }

  /**
   * Whether `issuerId` is a delegate of the type now. The fixture's delegation was granted before
   * any watermark: a watermark over the owner voids it.
   */
  isDelegate(typeId: number, issuerId: number): boolean {
    return this.delegates[typeId]!.has(issuerId) && this.issuers.get(this.owners[typeId]!)!.from === 0;
  }

  status(id: number, now: number): [Status, number] {
    const t = this.tokens.get(id);
    if (!t) return [Status.Unknown, 0];
    const own = this.ownRevocation(id);
    if (own !== 0) return [Status.Revoked, own];
    let away = false;
    for (let c of this.tokens.get(t.original)!.components) {
      while (this.tokens.get(c)!.movedTo !== 0) c = this.tokens.get(c)!.movedTo;
      if (this.ownRevocation(c) !== 0) return [Status.Revoked, Reason.ComponentRevoked];
      if (this.tokens.get(c)!.holder !== t.holder) away = true;
    }
    if (t.renounced) return [Status.Renounced, 0];
    // A stack whose components were moved to another address reads Moved.
    if (t.movedTo !== 0 || away) return [Status.Moved, 0];
    if (t.validUntil !== 0 && now > t.validUntil) return [Status.Expired, 0];
    return [Status.Valid, 0];
  }

  counts(id: number, now: number): boolean {
    const [s] = this.status(id, now);
    return s === Status.Valid || s === Status.Expired;
  }

  /** The error `_authorize` raises, or null: `original` 0 for issuing. */
  authorize(typeId: number, actor: string, issuerId: number, adminMayAct: boolean, admin: string): Expected {
    const ownerId = this.owners[typeId]!;
    if (issuerId !== 0 && issuerId !== ownerId) {
      const past = this.issuers.get(issuerId)!;
      if (actor === past.account && past.active) return null;
      if (adminMayAct && actor === admin) return null;
      if (actor !== past.account) return ["TypeUnauthorizedAccount", [typeId, actor]];
      return ["IssuerNotActive", [issuerId]];
    }
    const owner = this.issuers.get(ownerId)!;
    if (owner.active && actor === owner.account) return null;
    if (adminMayAct && actor === admin) return null;
    const delegateId = this.issuerOf(actor);
    const delegate = delegateId !== 0 && this.isDelegate(typeId, delegateId);
    if (!delegate && actor !== owner.account) return ["TypeUnauthorizedAccount", [typeId, actor]];
    if (!owner.active) return ["IssuerNotActive", [ownerId]];
    if (!this.issuers.get(delegateId)!.active) return ["IssuerNotActive", [delegateId]];
    return null;
  }

  /** `_requireStanding`'s error, or null. */
  standing(id: number, now: number): Expected {
    const t = this.tokens.get(id)!;
    if (t.movedTo !== 0) return ["CredentialWasMoved", [id, t.movedTo]];
    const [s] = this.status(id, now);
    if (s === Status.Revoked) return ["CredentialAlreadyRevoked", [id]];
    if (s === Status.Renounced) return ["CredentialWasRenounced", [id]];
    return null;
  }

  mint(holder: string, typeId: number, validUntil: number, extra: Partial<Token> = {}): number {
    const id = ++this.lastId;
    this.tokens.set(id, {
      holder,
      typeId,
      issuerId: this.owners[typeId]!,
      original: id,
      validUntil,
      reason: 0,
      renounced: false,
      movedTo: 0,
      components: [],
      delegate: 0,
      issuerLink: 0,
      ...extra,
    });
    this.latest.set(`${holder}:${typeId}`, id);
    this.list(holder).push(id);
    return id;
  }
}

// ------------------------------------------------------------------ actions

/** Who acts: 0 admin, 1 Acme's account, 2 Northwind's account, 3 a stranger, 4–7 holders, 8 a replaced old key. */
type Role = number;

type Action =
  | { kind: "issue"; actor: Role; typeId: number; holder: number }
  | { kind: "batch"; actor: Role; typeId: number; holders: number[] }
  | { kind: "revoke"; actor: Role; token: number; reason: number }
  | { kind: "renew"; actor: Role; token: number }
  | { kind: "renounce"; actor: number; byHolder: boolean; token: number }
  | { kind: "claim"; holder: number; byHolder: boolean }
  | { kind: "move"; byAdmin: boolean; token: number; to: number }
  | { kind: "suspend"; issuer: number; byAdmin: boolean }
  | { kind: "handOver"; typeId: number }
  | { kind: "replaceKey"; issuer: number }
  | { kind: "watermark"; issuer: number; from: number }
  | { kind: "travel"; seconds: number }
  | { kind: "transfer"; actor: number; token: number; to: number };

const holderIdx = fc.integer({ min: 4, max: 7 });
// Token choices are resolved against the model at run time (see `pick`), so most actions hit an
// existing credential and a few an id never issued.
const tokenIdx = fc.nat();
const actorIdx = fc.constantFrom(1, 1, 2, 0, 3, 5, 8);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("issue" as const),
      actor: fc.constantFrom(1, 1, 2, 3, 0, 8),
      typeId: fc.integer({ min: 1, max: 5 }),
      holder: holderIdx,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("batch" as const),
      actor: fc.constantFrom(1, 2, 3),
      typeId: fc.integer({ min: 1, max: 3 }),
      holders: fc.array(holderIdx, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("revoke" as const),
      actor: actorIdx,
      token: tokenIdx,
      reason: fc.integer({ min: 0, max: 7 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("renew" as const), actor: actorIdx, token: tokenIdx }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("renounce" as const),
      actor: fc.integer({ min: 1, max: 7 }),
      byHolder: fc.boolean(),
      token: tokenIdx,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("claim" as const), holder: holderIdx, byHolder: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("move" as const), byAdmin: fc.boolean(), token: tokenIdx, to: holderIdx }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("suspend" as const),
      issuer: fc.constantFrom(1, 2),
      byAdmin: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("handOver" as const), typeId: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("replaceKey" as const), issuer: fc.constantFrom(1, 2) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("watermark" as const), issuer: fc.constantFrom(1, 2), from: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("travel" as const), seconds: fc.integer({ min: 1, max: 5 * DAY }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("transfer" as const), actor: holderIdx, token: tokenIdx, to: holderIdx }),
  },
);

interface Step {
  expected: Expected;
  send: () => Promise<unknown>;
  apply: () => void;
  /** Seconds after the action's first transaction that this one lands; by default one after the previous. */
  at?: number;
}

describe("CredentialRegistry properties", function () {
  this.timeout(900_000);

  it("agrees with the model over random sequences; the issuing organisation of a credential never changes", async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 4, maxLength: 30 }), async (actions) => {
        const { registry, lens, signers, admin, issuerA, issuerB, read } = await loadFixture(fixture);
        const model = new Model(issuerA.address, issuerB.address);
        const spare = signers.slice(8, 12);
        let oldKey: HardhatEthersSigner | undefined;
        const signerOf = (address: string) => signers.find((s) => s.address === address)!;
        /** The signer for a role now (issuers' accounts change with key replacements). */
        const who = (role: Role): HardhatEthersSigner => {
          if (role === 1 || role === 2) return signerOf(model.issuers.get(role)!.account);
          if (role === 8) return oldKey ?? signers[3]!;
          return signers[role]!;
        };
        const pick = (raw: number) => (raw % (model.lastId + 1)) + 1;

        for (const raw of actions) {
          const action = "token" in raw ? { ...raw, token: pick(raw.token) } : raw;
          const now = (await time.latest()) + 1; // the block this action's transaction lands in
          const steps: Step[] = [];
          const step = (
            expected: Expected,
            send: () => Promise<unknown>,
            apply: () => void = () => undefined,
            at?: number,
          ) => steps.push({ expected, send, apply, at });

          switch (action.kind) {
            case "issue":
            case "batch": {
              const actor = who(action.actor);
              const holders =
                action.kind === "issue"
                  ? [signers[action.holder]!.address]
                  : action.holders.map((h) => signers[h]!.address);
              const { typeId } = action;
              let expected: Expected =
                typeId > 4
                  ? ["TypeUnknown", [typeId]]
                  : model.authorize(typeId, actor.address, 0, false, admin.address);
              if (!expected && typeId === STACK) expected = ["TypeIsStack", [typeId]];
              if (!expected) {
                const planned = new Map<string, number>();
                for (const [i, h] of holders.entries()) {
                  const latest = planned.get(h) ?? model.latestOf(h, typeId);
                  if (planned.has(h) || (latest !== 0 && model.counts(latest, now))) {
                    expected = ["CredentialAlreadyHeld", [h, typeId, latest]];
                    break;
                  }
                  planned.set(h, model.lastId + 1 + i);
                }
              }
              const period = TYPE_PERIOD[typeId]!;
              const r = registry.connect(actor);
              const ownerId = model.owners[typeId];
              const delegate =
                actor.address === model.issuers.get(ownerId!)?.account ? 0 : model.issuerOf(actor.address);
              step(
                expected,
                () =>
                  action.kind === "issue"
                    ? r.issue(typeId, holders[0]!, 0, ethers.ZeroHash)
                    : r.issueBatch(typeId, holders, [], []),
                () => holders.forEach((h) => model.mint(h, typeId, period === 0 ? 0 : now + period, { delegate })),
              );
              break;
            }
            case "revoke":
            case "renew": {
              const actor = who(action.actor);
              const t = model.tokens.get(action.token);
              let expected: Expected;
              if (!t) expected = ["ERC721NonexistentToken", [action.token]];
              else {
                expected = model.authorize(
                  t.typeId,
                  actor.address,
                  t.issuerId,
                  action.kind === "revoke",
                  admin.address,
                );
                if (!expected && action.kind === "revoke") {
                  if (t.movedTo !== 0) expected = ["CredentialWasMoved", [action.token, t.movedTo]];
                  else if (model.ownRevocation(action.token) !== 0)
                    expected = ["CredentialAlreadyRevoked", [action.token]];
                  else if (action.reason === 0 || action.reason > 6)
                    expected = ["RevocationReasonInvalid", [action.reason]];
                }
                if (!expected && action.kind === "renew") expected = model.standing(action.token, now);
              }
              if (action.kind === "revoke") {
                step(
                  expected,
                  () => registry.connect(actor).revoke(action.token, action.reason, "model"),
                  () => (t!.reason = action.reason),
                );
              } else {
                step(
                  expected,
                  () => registry.connect(actor).renew(action.token, 0),
                  () => (t!.validUntil = TYPE_PERIOD[t!.typeId] === 0 ? 0 : now + TYPE_PERIOD[t!.typeId]!),
                );
              }
              break;
            }
            case "renounce": {
              const t = model.tokens.get(action.token);
              // Mostly the real holder.
              const actor = action.byHolder && t ? signerOf(t.holder) : signers[action.actor]!;
              let expected: Expected = null;
              if (!t || t.renounced || t.movedTo !== 0) expected = ["ERC721NonexistentToken", [action.token]];
              else if (t.holder !== actor.address)
                expected = ["ERC721IncorrectOwner", [actor.address, action.token, t.holder]];
              step(
                expected,
                () => registry.connect(actor).renounce(action.token),
                () => (t!.renounced = true),
              );
              break;
            }
            case "claim": {
              const holder = signers[action.holder]!.address;
              let expected: Expected = null;
              const owner = model.issuers.get(model.owners[STACK]!)!;
              const held = model.latestOf(holder, STACK);
              if (!owner.active) expected = ["IssuerNotActive", [model.owners[STACK]]];
              else if (held !== 0 && model.counts(held, now))
                expected = ["CredentialAlreadyHeld", [holder, STACK, held]];
              else if (held !== 0 && !action.byHolder && model.status(held, now)[0] === Status.Renounced)
                expected = ["StackDeclined", [holder, STACK]];
              const used: number[] = [];
              for (const typeId of STACK_COMPONENTS) {
                const c = model.latestOf(holder, typeId);
                if (used.length < STACK_REQUIRED && c !== 0 && model.status(c, now)[0] === Status.Valid) used.push(c);
              }
              if (!expected && used.length < STACK_REQUIRED) {
                expected = ["StackRequirementsNotMet", [holder, STACK, used.length, STACK_REQUIRED]];
              }
              step(
                expected,
                () => registry.connect(signers[action.byHolder ? action.holder : 3]!).claimStack(STACK, holder),
                () => void model.mint(holder, STACK, 0, { components: used }),
              );
              break;
            }
            case "move": {
              const t = model.tokens.get(action.token);
              const to = signers[action.to]!;
              if (!t) {
                step(["ERC721NonexistentToken", [action.token]], () =>
                  registry.connect(admin).proposeMove(action.token, to.address),
                );
                break;
              }
              const vouching = model.issuers.get(t.issuerId)!;
              const proposer = action.byAdmin ? admin : signerOf(vouching.account);
              let expected: Expected = null;
              if (!action.byAdmin && !vouching.active) expected = ["IssuerNotActive", [t.issuerId]];
              expected ??= model.standing(action.token, now);
              if (!expected && to.address === t.holder)
                expected = ["CredentialMoveInvalid", [action.token, to.address]];
              step(expected, () => registry.connect(proposer).proposeMove(action.token, to.address));
              if (expected) break;
              // The new address cannot accept before MOVE_DELAY, and can once it has passed.
              step(["CredentialMoveNotYet", [action.token, now + MOVE_DELAY]], () =>
                registry.connect(to).acceptMove(action.token),
              );
              const acceptAt = now + MOVE_DELAY;
              const latest = model.latestOf(to.address, t.typeId);
              const accept: Expected =
                latest !== 0 && model.counts(latest, acceptAt)
                  ? ["CredentialAlreadyHeld", [to.address, t.typeId, latest]]
                  : null;
              step(
                accept,
                () => registry.connect(to).acceptMove(action.token),
                () => {
                  const moved = model.mint(to.address, t.typeId, t.validUntil, {
                    issuerId: t.issuerId,
                    original: t.original,
                    delegate: t.delegate,
                    issuerLink: !action.byAdmin && vouching.from === 0 ? model.lastId + 1 : t.issuerLink,
                  });
                  t.movedTo = moved;
                },
                MOVE_DELAY,
              );
              // Refused: the holder cancels it.
              if (accept)
                step(
                  null,
                  () => registry.connect(signerOf(t.holder)).cancelMove(action.token),
                  undefined,
                  MOVE_DELAY + 1,
                );
              break;
            }
            case "suspend": {
              const issuer = model.issuers.get(action.issuer)!;
              const r = registry.connect(action.byAdmin ? admin : signers[3]!);
              let expected: Expected = action.byAdmin
                ? null
                : ["AccessControlUnauthorizedAccount", [signers[3]!.address, ADMIN_ROLE]];
              if (!expected && !issuer.active && issuer.needsNewKey) expected = ["IssuerNeedsNewKey", [action.issuer]];
              step(
                expected,
                () => (issuer.active ? r.suspendIssuer(action.issuer) : r.reinstateIssuer(action.issuer)),
                () => (issuer.active = !issuer.active),
              );
              break;
            }
            case "handOver": {
              const from = model.owners[action.typeId]!;
              const to = from === 1 ? 2 : 1;
              const [fromIssuer, toIssuer] = [model.issuers.get(from)!, model.issuers.get(to)!];
              const offer: Expected = fromIssuer.active ? null : ["IssuerNotActive", [from]];
              step(offer, () => registry.connect(signerOf(fromIssuer.account)).offerType(action.typeId, to));
              if (offer) break;
              step(["TypeOfferNotYet", [action.typeId, now + HANDOVER_DELAY]], () =>
                registry.connect(signerOf(toIssuer.account)).acceptType(action.typeId),
              );
              step(
                toIssuer.active ? null : ["IssuerNotActive", [to]],
                () => registry.connect(signerOf(toIssuer.account)).acceptType(action.typeId),
                () => {
                  model.owners[action.typeId] = to;
                  model.delegates[action.typeId] = new Set();
                },
                HANDOVER_DELAY,
              );
              if (!toIssuer.active)
                step(
                  null,
                  () => registry.connect(signerOf(fromIssuer.account)).offerType(action.typeId, 0),
                  undefined,
                  HANDOVER_DELAY + 1,
                );
              break;
            }
            case "replaceKey": {
              const fresh = spare.shift();
              if (!fresh) break;
              const issuer = model.issuers.get(action.issuer)!;
              step(
                null,
                () => registry.connect(admin).replaceIssuerAccount(action.issuer, fresh.address),
                () => {
                  oldKey = signerOf(issuer.account);
                  issuer.account = fresh.address;
                  issuer.needsNewKey = false;
                },
              );
              break;
            }
            case "watermark": {
              const issuer = model.issuers.get(action.issuer)!;
              const from = model.lastId === 0 ? 1 : (action.from % model.lastId) + 1;
              const invalid = from > model.lastId || (issuer.from !== 0 && from >= issuer.from);
              step(
                invalid ? ["WatermarkInvalid", [issuer.from, from]] : null,
                () => registry.connect(admin).setCompromiseWatermark(action.issuer, from),
                () => {
                  if (issuer.from === 0) {
                    issuer.until = model.lastId;
                    issuer.needsNewKey = true;
                    issuer.active = false;
                  }
                  issuer.from = from;
                },
              );
              break;
            }
            case "travel":
              step(null, () => time.increase(action.seconds));
              break;
            case "transfer":
              step(["CredentialNonTransferable", [action.token]], () =>
                registry
                  .connect(signers[action.actor]!)
                  .transferFrom(signers[action.actor]!.address, signers[action.to]!.address, action.token),
              );
              break;
          }

          let at = -1;
          for (const s of steps) {
            // Each transaction lands at the time the model assumed: the first at `now`, then one
            // second apart unless the step says when.
            at = s.at ?? at + 1;
            if (action.kind !== "travel") await time.setNextBlockTimestamp(now + at);
            if (s.expected) {
              await expect(s.send())
                .to.be.revertedWithCustomError(registry, s.expected[0])
                .withArgs(...s.expected[1]);
            } else {
              await s.send();
              s.apply();
            }
          }

          // After every step the chain equals the model. The reads go out in one call (about 80
          // views, see helpers/readBatch.ts), then every answer is compared.
          const viewNow = await time.latest();
          const ids = [...model.tokens.keys()];
          const holders = signers.slice(4, 12).map((s) => s.address);
          const sinces = [
            [0, false],
            [viewNow - 2 * DAY, true],
          ] as const;
          const reads: Read[] = [{ contract: registry, fn: "totalIssued" }];
          for (const id of ids) reads.push({ contract: registry, fn: "credentialRecord", args: [id] });
          for (const holder of holders) {
            reads.push({ contract: lens, fn: "credentialsOf", args: [holder] });
            reads.push({ contract: registry, fn: "balanceOf", args: [holder] });
            for (const typeId of [1, 2, 3, 4]) {
              reads.push({ contract: registry, fn: "hasValidCredential", args: [holder, typeId] });
            }
            for (const [since, validOnly] of sinces) {
              reads.push({ contract: lens, fn: "creditsOfPage", args: [holder, since, validOnly, 0, 1000] });
            }
          }
          const answers = await read(reads);
          const [total] = answers.shift()!;
          const records = answers.splice(0, ids.length).map(([r]) => r);
          const perHolder = holders.map(() => {
            const [[credentials], [balance], ...rest] = answers.splice(0, 8);
            return [credentials, balance, rest.slice(0, 4).map(([v]) => v as boolean), rest.slice(4)] as const;
          });
          expect(Number(total)).to.equal(model.lastId);
          const issuedAt = new Map<number, bigint>();
          for (const [i, id] of ids.entries()) {
            const t = model.tokens.get(id)!;
            const r = records[i]!;
            issuedAt.set(id, r.issuedAt);
            const [status, reason] = model.status(id, viewNow);
            expect(Number(r.issuerId), `#${id}: the issuing organisation never changes`).to.equal(t.issuerId);
            expect(Number(r.status), `status of #${id}`).to.equal(status);
            expect(Number(r.revocationReason), `reason of #${id}`).to.equal(reason);
            expect([r.holder, Number(r.typeId), Number(r.validUntil), Number(r.movedTo)]).to.deep.equal([
              t.holder,
              t.typeId,
              t.validUntil,
              t.movedTo,
            ]);
            if (t.reason !== 0 || (t.validUntil !== 0 && viewNow > t.validUntil)) {
              expect(Number(r.status), "revoked or expired is never valid").to.not.equal(Status.Valid);
            }
          }
          for (const [h, holder] of holders.entries()) {
            const [credentials, balance, valid, credits] = perHolder[h]!;
            const listed = (credentials as { tokenId: bigint }[]).map((c) => Number(c.tokenId)).sort((a, b) => a - b);
            // The lens leaves out renounced (unless revoked) and moved-away credentials.
            const want = model
              .list(holder)
              .filter((id) => model.status(id, viewNow)[0] !== Status.Renounced && model.tokens.get(id)!.movedTo === 0);
            expect(listed, `credentialsOf(${holder})`).to.deep.equal(want);
            const live = model
              .list(holder)
              .filter((id) => !model.tokens.get(id)!.renounced && model.tokens.get(id)!.movedTo === 0);
            expect(Number(balance)).to.equal(live.length);
            for (const typeId of [1, 2, 3, 4]) {
              const latest = model.latestOf(holder, typeId);
              expect(valid[typeId - 1], `hasValidCredential(${holder}, ${typeId})`).to.equal(
                latest !== 0 && model.status(latest, viewNow)[0] === Status.Valid,
              );
              const counting = model
                .list(holder)
                .filter((id) => model.tokens.get(id)!.typeId === typeId && model.counts(id, viewNow));
              expect(counting.length, "one credential per holder and type that counts").to.be.at.most(1);
            }
            // Credit totals: credentials earned since `since` that are valid (or expired, unless
            // only valid ones count), never a stack's own credits.
            for (const [k, [since, validOnly]] of sinces.entries()) {
              const want = model.list(holder).filter((id) => {
                const [status] = model.status(id, viewNow);
                const standing = status === Status.Valid || (!validOnly && status === Status.Expired);
                return standing && model.tokens.get(id)!.typeId !== STACK && issuedAt.get(id)! >= since;
              });
              const sum = want.reduce((acc, id) => acc + TYPE_CREDITS[model.tokens.get(id)!.typeId]!, 0);
              const [totalCredits, counted] = credits[k]!;
              expect([Number(totalCredits), Number(counted)], `credits of ${holder} since ${since}`).to.deep.equal([
                sum,
                want.filter((id) => TYPE_CREDITS[model.tokens.get(id)!.typeId]! > 0).length,
              ]);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("no holder action blocks or hides a revocation", async function () {
    type HolderAction = { kind: "renounce"; pick: number } | { kind: "claim" } | { kind: "transfer"; pick: number };
    const holderAction: fc.Arbitrary<HolderAction> = fc.oneof(
      fc.record({ kind: fc.constant("renounce" as const), pick: fc.nat() }),
      fc.constant({ kind: "claim" as const }),
      fc.record({ kind: fc.constant("transfer" as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(holderAction, { maxLength: 25 }),
        fc.array(holderAction, { maxLength: 10 }),
        fc.integer({ min: 1, max: 2 }),
        async (before, after, target) => {
          const { registry, lens, issuerA, signers } = await loadFixture(fixture);
          const holder = signers[4]!;
          await registry.connect(issuerA).issue(1, holder.address, 0, ethers.ZeroHash); // #1
          await registry.connect(issuerA).issue(2, holder.address, 0, ethers.ZeroHash); // #2
          const act = async (a: HolderAction) => {
            const total = Number(await registry.totalIssued());
            const id = a.kind === "claim" ? 0 : (a.pick % total) + 1;
            // Whatever the holder tries; refusals are fine, the point is what comes after.
            const tx: Promise<unknown> =
              a.kind === "renounce"
                ? registry.connect(holder).renounce(id)
                : a.kind === "claim"
                  ? registry.connect(holder).claimStack(STACK, holder.address)
                  : registry.connect(holder).transferFrom(holder.address, signers[5]!.address, id);
            await tx.then(
              (t) => (t as { wait(): Promise<unknown> }).wait(),
              () => undefined,
            );
          };
          for (const a of before) await act(a);
          const receipt = await (await registry.connect(issuerA).revoke(target, Reason.Misconduct, "")).wait();
          expect(receipt!.gasUsed, "revoke (no note) stays within 45,000 gas").to.be.at.most(45_000n);
          for (const a of after) await act(a);
          const total = Number(await registry.totalIssued());
          expect((await lens.verify(target)).status).to.equal(Status.Revoked);
          const listed = await lens.credentialsOf(holder.address);
          expect(listed.find((c) => Number(c.tokenId) === target)?.status, "still listed, as Revoked").to.equal(
            BigInt(Status.Revoked),
          );
          for (let id = 3; id <= total; id++) {
            const c = await lens.verify(id);
            if (c.components.map(Number).includes(target))
              expect(c.status, `stack #${id}`).to.equal(BigInt(Status.Revoked));
          }
          expect(await registry.hasValidCredential(holder.address, STACK)).to.equal(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("tokenURI always decodes to JSON with a well-formed SVG, whatever the strings", async function () {
    const text = (maxBytes: number) =>
      fc
        .string({
          unit: fc.oneof(
            fc.constantFrom(..."\"\\<>&'\n\r\t\u0000\u001f\u007f\u2028/;]]>{}\u202e"),
            fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
          ),
          maxLength: 40,
        })
        .map((s) => {
          let out = "";
          for (const ch of s) {
            if (Buffer.byteLength(out + ch) > maxBytes) break;
            out += ch;
          }
          return out;
        });
    // Names may hold any printable text (markup, quotes, any script); free text anything.
    const name = text(96).filter((s) => s.trim().length > 0 && nameProblem(s) === undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name,
          issuer: name,
          description: text(1000),
          note: text(280),
          base: text(200),
          revoke: fc.boolean(),
          credits: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        async (s) => {
          const d = await loadFixture(fixture);
          const [account] = d.holders.slice(10);
          await d.registry.connect(d.admin).setExternalBaseURI(s.base);
          await register(
            d,
            account!.address,
            `${s.issuer}\u00a0(${issuerNameKey(s.issuer).slice(2, 8)})`.slice(0, 60),
            s.base,
          );
          await d.registry
            .connect(account!)
            .createCredentialType(
              typeInput({ name: s.name, description: s.description, criteriaURL: s.note, credits: s.credits }),
            );
          await d.registry.connect(account!).issue(5, d.holders[0]!.address, 0, ethers.ZeroHash);
          if (s.revoke) await d.registry.connect(account!).revoke(1, 3, s.note);
          const { json } = decodeTokenURI(await d.registry.tokenURI(1));
          expect(json.description).to.equal(s.description);
          expect(json.name).to.equal(`${s.name} #1`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
