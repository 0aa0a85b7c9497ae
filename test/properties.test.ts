/**
 * Property tests: random sequences of issue / batch / revoke / renew / renounce / claim /
 * suspend / time travel / transfer attempts, run against the contract and against a small
 * TypeScript model of what the contract promises. After every step the two must agree, and:
 *   - a credential never moves (its holder is the one it was issued to, or nobody once renounced);
 *   - a revoked or expired credential is never reported valid;
 *   - a call by anyone not authorised reverts with the error the model predicts and changes nothing;
 *   - `credentialsOf` equals the model for every holder.
 * A second property feeds random (often hostile) strings through every field that reaches
 * `tokenURI`, which must always decode to JSON with a well-formed, script-free SVG.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";

import { DAY, Kind, Status, registryWithType, typeInput } from "./helpers/fixtures";
import { decodeTokenURI } from "./helpers/metadata";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const STACK = 4;
const TYPE_PERIOD: Record<number, number> = { 1: 365 * DAY, 2: 3 * DAY, 3: 0, 4: 0 };
const STACK_COMPONENTS = [1, 2, 3];
const STACK_REQUIRED = 2;

async function fixture() {
  const d = await registryWithType(); // type 1: issuerA, one year
  const a = d.registry.connect(d.issuerA);
  await a.createCredentialType(typeInput({ name: "Short badge", kind: Kind.Badge, validityPeriod: 3 * DAY }));
  await d.registry.connect(d.issuerB).createCredentialType(typeInput({ name: "B's skill", validityPeriod: 0 }));
  await a.createCredentialType(
    typeInput({ name: "Stack", components: STACK_COMPONENTS, requiredComponents: STACK_REQUIRED, validityPeriod: 0 }),
  );
  await a.setTypeDelegate(1, d.issuerB.address, true);
  // actors: 0 admin, 1 issuerA, 2 issuerB, 3 stranger, 4..7 holders
  const actors: HardhatEthersSigner[] = [d.admin, d.issuerA, d.issuerB, d.stranger, ...d.holders.slice(0, 4)];
  return { ...d, actors };
}

// ------------------------------------------------------------------ the model

interface Token {
  holder: string | null;
  typeId: number;
  validUntil: number;
  revokedAt: number;
  reason: number;
  components: number[];
}

class Model {
  tokens = new Map<number, Token>();
  lists = new Map<string, number[]>();
  active = new Map<string, boolean>();
  lastId = 0;
  constructor(
    readonly owners: Record<number, string>,
    readonly delegates: Record<number, string[]>,
  ) {}

  list(holder: string): number[] {
    if (!this.lists.has(holder)) this.lists.set(holder, []);
    return this.lists.get(holder)!;
  }

  isActive(account: string): boolean {
    return this.active.get(account) ?? false;
  }

  plainStatus(t: Token, now: number): Status {
    if (t.holder === null) return Status.Renounced;
    if (t.reason !== 0) return Status.Revoked;
    if (t.validUntil !== 0 && now > t.validUntil) return Status.Expired;
    return Status.Valid;
  }

  revokedComponent(t: Token): number {
    return t.components.find((c) => this.tokens.get(c)!.reason !== 0) ?? 0;
  }

  status(id: number, now: number): Status {
    const t = this.tokens.get(id)!;
    const s = this.plainStatus(t, now);
    if ((s === Status.Valid || s === Status.Expired) && this.revokedComponent(t) !== 0) return Status.Revoked;
    return s;
  }

  validOfType(holder: string, typeId: number, now: number): number {
    for (const id of this.list(holder)) {
      const t = this.tokens.get(id)!;
      if (t.typeId === typeId && this.plainStatus(t, now) === Status.Valid && this.revokedComponent(t) === 0) return id;
    }
    return 0;
  }

  /** The error `_requireTypeOperator` raises for `actor`, or null when authorised. */
  operatorError(typeId: number, actor: string): [string, unknown[]] | null {
    const owner = this.owners[typeId];
    if (actor !== owner && !(this.delegates[typeId] ?? []).includes(actor)) {
      return ["TypeUnauthorizedAccount", [typeId, actor]];
    }
    if (!this.isActive(actor)) return ["IssuerNotActive", [actor]];
    if (actor !== owner && !this.isActive(owner)) return ["IssuerNotActive", [owner]];
    return null;
  }

  mint(holder: string, typeId: number, validUntil: number, components: number[] = []): number {
    const id = ++this.lastId;
    this.tokens.set(id, { holder, typeId, validUntil, revokedAt: 0, reason: 0, components });
    this.list(holder).push(id);
    return id;
  }

  remove(holder: string, id: number): void {
    const list = this.list(holder);
    const i = list.indexOf(id);
    list[i] = list[list.length - 1]; // swap-and-pop, as the contract does
    list.pop();
  }
}

// ------------------------------------------------------------------ actions

type Action =
  | { kind: "issue"; actor: number; typeId: number; holder: number }
  | { kind: "batch"; actor: number; typeId: number; holders: number[] }
  | { kind: "revoke"; actor: number; token: number; reason: number }
  | { kind: "renew"; actor: number; token: number }
  | { kind: "renounce"; actor: number; byHolder: boolean; token: number }
  | { kind: "claim"; holder: number }
  | { kind: "suspend"; issuer: number; byAdmin: boolean }
  | { kind: "travel"; seconds: number }
  | { kind: "transfer"; actor: number; token: number; to: number };

const holderIdx = fc.integer({ min: 4, max: 7 });
// Token choices are resolved against the model at run time (see `pick`), so most actions
// hit an existing credential and a few hit an id that was never issued.
const tokenIdx = fc.nat();

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("issue" as const),
      actor: fc.constantFrom(1, 1, 2, 3, 0),
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
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("revoke" as const),
      actor: fc.constantFrom(1, 1, 2, 0, 3, 5),
      token: tokenIdx,
      reason: fc.integer({ min: 0, max: 7 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("renew" as const),
      actor: fc.constantFrom(1, 1, 2, 0, 3, 5),
      token: tokenIdx,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("renounce" as const),
      actor: fc.integer({ min: 1, max: 7 }),
      byHolder: fc.boolean(),
      token: tokenIdx,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("claim" as const), holder: holderIdx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("suspend" as const),
      issuer: fc.constantFrom(1, 2),
      byAdmin: fc.boolean(),
    }),
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

describe("CredentialRegistry properties", function () {
  this.timeout(600_000);

  it("agrees with the model over random sequences of actions", async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 4, maxLength: 30 }), async (actions) => {
        const { registry, actors, issuerA, issuerB } = await loadFixture(fixture);
        const addr = actors.map((a) => a.address);
        const model = new Model(
          { 1: issuerA.address, 2: issuerA.address, 3: issuerB.address, 4: issuerA.address },
          { 1: [issuerB.address] },
        );
        model.active.set(issuerA.address, true);
        model.active.set(issuerB.address, true);
        const adminRole = ethers.ZeroHash;

        const pick = (raw: number) => (raw % (model.lastId + 1)) + 1;
        for (const raw of actions) {
          const action = "token" in raw ? { ...raw, token: pick(raw.token) } : raw;
          const latest = await time.latest();
          const now = latest + 1; // the block this action's transaction lands in
          await time.setNextBlockTimestamp(now);
          let expected: [string, unknown[]] | null = null;
          let apply: () => void = () => undefined;
          let send: () => Promise<unknown>;

          switch (action.kind) {
            case "issue":
            case "batch": {
              const actor = addr[action.actor];
              const holders = action.kind === "issue" ? [addr[action.holder]] : action.holders.map((h) => addr[h]);
              const { typeId } = action;
              if (typeId > 4) expected = ["TypeUnknown", [typeId]];
              else
                expected = model.operatorError(typeId, actor) ?? (typeId === STACK ? ["TypeIsStack", [typeId]] : null);
              if (!expected) {
                const seen = new Map<string, number>();
                for (const [i, h] of holders.entries()) {
                  const held = seen.get(h) ?? model.validOfType(h, typeId, now);
                  if (held) {
                    expected = ["CredentialAlreadyHeld", [h, typeId, held]];
                    break;
                  }
                  seen.set(h, model.lastId + 1 + i);
                }
              }
              const period = TYPE_PERIOD[typeId];
              apply = () => holders.forEach((h) => model.mint(h, typeId, period === 0 ? 0 : now + period));
              const r = registry.connect(actors[action.actor]);
              send = () =>
                action.kind === "issue"
                  ? r.issue(typeId, holders[0], 0, ethers.ZeroHash)
                  : r.issueBatch(typeId, holders, [], []);
              break;
            }
            case "revoke": {
              const actor = addr[action.actor];
              const t = model.tokens.get(action.token);
              if (!t || t.holder === null) expected = ["ERC721NonexistentToken", [action.token]];
              else {
                const opError = model.operatorError(t.typeId, actor);
                if (opError && action.actor !== 0) expected = opError;
                else if (t.reason !== 0) expected = ["CredentialAlreadyRevoked", [action.token]];
                else if (action.reason === 0 || action.reason > 6)
                  expected = ["RevocationReasonInvalid", [action.reason]];
              }
              apply = () => {
                t!.reason = action.reason;
                t!.revokedAt = now;
              };
              send = () => registry.connect(actors[action.actor]).revoke(action.token, action.reason, "model");
              break;
            }
            case "renew": {
              const actor = addr[action.actor];
              const t = model.tokens.get(action.token);
              if (!t || t.holder === null) expected = ["ERC721NonexistentToken", [action.token]];
              else
                expected =
                  model.operatorError(t.typeId, actor) ??
                  (t.reason !== 0 ? ["CredentialAlreadyRevoked", [action.token]] : null);
              apply = () => {
                const period = TYPE_PERIOD[t!.typeId];
                t!.validUntil = period === 0 ? 0 : now + period;
              };
              send = () => registry.connect(actors[action.actor]).renew(action.token, 0);
              break;
            }
            case "renounce": {
              const t = model.tokens.get(action.token);
              // Mostly the real holder, so swap-and-pop in the holder index gets exercised.
              const actorIndex = action.byHolder && t?.holder ? addr.indexOf(t.holder) : action.actor;
              const actor = addr[actorIndex];
              if (!t || t.holder === null) expected = ["ERC721NonexistentToken", [action.token]];
              else if (t.holder !== actor) expected = ["ERC721IncorrectOwner", [actor, action.token, t.holder]];
              apply = () => {
                model.remove(t!.holder!, action.token);
                t!.holder = null;
              };
              send = () => registry.connect(actors[actorIndex]).renounce(action.token);
              break;
            }
            case "claim": {
              const holder = addr[action.holder];
              const found: number[] = STACK_COMPONENTS.map(() => 0);
              if (!model.isActive(issuerA.address)) expected = ["IssuerNotActive", [issuerA.address]];
              else {
                for (const id of model.list(holder)) {
                  const t = model.tokens.get(id)!;
                  if (model.plainStatus(t, now) !== Status.Valid) continue;
                  if (t.typeId === STACK) {
                    if (model.revokedComponent(t) === 0) {
                      expected = ["CredentialAlreadyHeld", [holder, STACK, id]];
                      break;
                    }
                    continue;
                  }
                  const j = STACK_COMPONENTS.indexOf(t.typeId);
                  if (found[j] === 0) found[j] = id;
                }
              }
              const used = found.filter((id) => id !== 0).slice(0, STACK_REQUIRED);
              if (!expected && used.length < STACK_REQUIRED) {
                expected = ["StackRequirementsNotMet", [holder, STACK, used.length, STACK_REQUIRED]];
              }
              apply = () => model.mint(holder, STACK, 0, used);
              send = () => registry.connect(actors[0]).claimStack(STACK, holder);
              break;
            }
            case "suspend": {
              const account = addr[action.issuer];
              const active = model.isActive(account);
              if (!action.byAdmin) expected = ["AccessControlUnauthorizedAccount", [addr[3], adminRole]];
              apply = () => model.active.set(account, !active);
              const r = registry.connect(actors[action.byAdmin ? 0 : 3]);
              send = () => (active ? r.suspendIssuer(account) : r.reinstateIssuer(account));
              break;
            }
            case "travel": {
              send = () => time.increase(action.seconds);
              break;
            }
            case "transfer": {
              expected = ["CredentialNonTransferable", [action.token]];
              send = () =>
                registry.connect(actors[action.actor]).transferFrom(addr[action.actor], addr[action.to], action.token);
              break;
            }
          }

          if (expected) {
            await expect(send())
              .to.be.revertedWithCustomError(registry, expected[0])
              .withArgs(...expected[1]);
          } else {
            await send();
            apply();
          }

          // After every step the chain must equal the model.
          const viewNow = await time.latest();
          for (const holder of addr.slice(4)) {
            const onChain = await registry.credentialsOf(holder);
            const want = model.list(holder);
            expect(
              onChain.map((c) => Number(c.tokenId)),
              `credentialsOf(${holder})`,
            ).to.deep.equal(want);
            for (const c of onChain) {
              const t = model.tokens.get(Number(c.tokenId))!;
              expect(c.holder, "a credential never moves").to.equal(t.holder);
              expect(Number(c.typeId)).to.equal(t.typeId);
              expect(Number(c.validUntil)).to.equal(t.validUntil);
              expect(Number(c.revocationReason === 255n ? 0n : c.revocationReason)).to.equal(t.reason);
              const status = model.status(Number(c.tokenId), viewNow);
              expect(Number(c.status), `status of #${c.tokenId}`).to.equal(status);
              if (t.reason !== 0 || (t.validUntil !== 0 && viewNow > t.validUntil)) {
                expect(Number(c.status), "revoked or expired is never valid").to.not.equal(Status.Valid);
              }
            }
            for (const typeId of [1, 2, 3, 4]) {
              expect(await registry.hasValidCredential(holder, typeId)).to.equal(
                model.validOfType(holder, typeId, viewNow) !== 0,
              );
            }
          }
          for (const [id, t] of model.tokens) {
            if (t.holder === null) {
              expect(Number((await registry.verify(id)).status)).to.equal(Status.Renounced);
            } else {
              expect(await registry.ownerOf(id)).to.equal(t.holder);
            }
          }
          expect(Number(await registry.totalIssued())).to.equal(model.lastId);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("tokenURI always decodes to JSON with a well-formed SVG, whatever the strings", async function () {
    const text = (maxBytes: number) =>
      fc
        .string({
          unit: fc.oneof(
            fc.constantFrom(..."\"\\<>&'\n\r\t\u0000\u001f\u007f\u2028/;]]>{}"),
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
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: text(96).filter((s) => s.length > 0),
          description: text(1000),
          issuer: text(96).filter((s) => s.length > 0),
          note: text(280),
          base: text(200),
          revoke: fc.boolean(),
          credits: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        async (s) => {
          const { registry, admin, issuerA, actors } = await loadFixture(fixture);
          await registry.connect(admin).setExternalBaseURI(s.base);
          await registry.connect(issuerA).updateIssuerProfile(s.issuer, s.base);
          await registry
            .connect(issuerA)
            .createCredentialType(
              typeInput({ name: s.name, description: s.description, criteriaURL: s.note, credits: s.credits }),
            );
          await registry.connect(issuerA).issue(5, actors[4].address, 0, ethers.ZeroHash);
          if (s.revoke) await registry.connect(issuerA).revoke(1, 3, s.note);
          const { json } = decodeTokenURI(await registry.tokenURI(1));
          expect(json.description).to.equal(s.description);
          expect(json.name).to.equal(`${s.name} #1`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
