import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";

import { credentialClaimsAbi, credentialRegistryAbi } from "./generated/abis";

type Args = readonly unknown[];
/** The errors a call can revert with: the registry's and the claim-link contract's (a claim carries the registry's up). */
const DECODABLE = [...credentialRegistryAbi, ...credentialClaimsAbi];
/** Unix seconds as "2026-11-30 19:20:06 UTC". */
const utc = (seconds: unknown) =>
  new Date(Number(seconds) * 1000).toISOString().replace(".000Z", " UTC").replace("T", " ");
const short = (a: unknown) => {
  const s = String(a);
  return /^0x[0-9a-fA-F]{40}$/.test(s) ? `${s.slice(0, 6)}…${s.slice(-4)}` : s;
};

/**
 * A sentence a person understands for each custom error the registry (and OpenZeppelin's
 * AccessControl and ERC-721 errors it reuses) can revert with.
 */
export const ERROR_MESSAGES: Record<string, (args: Args) => string> = {
  AccessControlUnauthorizedAccount: ([account]) => `${short(account)} is not the platform admin.`,
  AccessControlEnforcedDefaultAdminDelay: () => "The admin transfer delay has not passed yet.",
  AccessControlEnforcedDefaultAdminRules: () =>
    "The admin role changes only through the two-step admin transfer (begin, wait, accept).",
  AccessControlInvalidDefaultAdmin: ([account]) => `${short(account)} is not the pending admin, so it cannot accept.`,
  AccessControlBadConfirmation: () => "An account can renounce a role only for itself.",
  SafeCastOverflowedUintDowncast: ([bits]) => `A value is too large for its ${bits}-bit field.`,
  IssuerInvalidAccount: ([account]) =>
    `${short(account)} cannot act for an issuer: it is the zero address or already acts for one.`,
  IssuerUnknown: ([id]) => `There is no issuer #${id}.`,
  IssuerNotRegistered: ([account]) => `${short(account)} does not act for any registered issuer.`,
  IssuerNotActive: ([id]) => `Issuer #${id} is suspended, so it cannot act now.`,
  IssuerNotSuspended: ([id]) => `Issuer #${id} is not suspended.`,
  IssuerNameTaken: ([, holder]) =>
    BigInt(holder as bigint) === 0n
      ? "The issuer name's key is missing."
      : `Issuer #${holder} already has this name (names are compared without case, spacing or compatibility forms).`,
  IssuerNeedsNewKey: ([id]) => `Issuer #${id}'s key was compromised: give it a new account before reinstating it.`,
  IssuerAccountNotProposed: ([id, account]) => `Issuer #${id} did not propose ${short(account)} as its new account.`,
  WatermarkInvalid: ([current, requested]) =>
    BigInt(current as bigint) === 0n
      ? `Token #${requested} cannot start a key-compromise watermark: it must be a credential already issued.`
      : `The watermark starts at #${current}; it can only move earlier, and #${requested} is not earlier.`,
  StringLengthInvalid: ([field, length, max]) =>
    Number(length) === 0 ? `The ${field} is required.` : `The ${field} is too long: ${length} bytes, at most ${max}.`,
  StringEncodingInvalid: ([field, offset]) =>
    `The ${field} contains a control or invisible formatting character, or bytes that are not UTF-8 text (at byte ${offset}).`,
  TypeUnknown: ([typeId]) => `There is no credential type #${typeId}.`,
  TypeRetired: ([typeId]) => `Credential type #${typeId} is retired and cannot be issued any more.`,
  TypeIsStack: ([typeId]) => `Credential type #${typeId} is a stack: holders claim it, issuers do not issue it.`,
  TypeNotStack: ([typeId]) => `Credential type #${typeId} is not a stack, so there is nothing to claim.`,
  TypeUnauthorizedAccount: ([typeId, account]) =>
    `${short(account)} may not issue or manage credential type #${typeId}: only the issuer that owns it (or, for an earlier credential, the issuer that issued it) and its delegates may.`,
  TypeKindInvalid: ([kind]) => `Kind ${kind} is not one of the four credential kinds.`,
  TypeValidityTooLong: ([, max]) =>
    `That validity is too long: credentials issued now would expire after 2106, which the registry cannot store (at most ${Math.floor(Number(max) / 86_400)} days).`,
  TypeSuccessorInvalid: ([typeId]) => `Type #${typeId} cannot be the successor (unknown, retired, or the same type).`,
  TypeDelegateInvalid: ([typeId, id]) =>
    `Issuer #${id} cannot be a delegate of type #${typeId} (unknown, suspended, or the type's owner).`,
  TypeRecipientInvalid: ([typeId, id]) =>
    `Type #${typeId} cannot be offered to issuer #${id} (unknown, or its owner already).`,
  TypeNotOffered: ([typeId, account]) =>
    `Type #${typeId} was not offered to the issuer ${short(account)} acts for (or the offer was voided by a key-compromise watermark over its owner).`,
  TypeOfferNotYet: ([typeId, readyAt]) =>
    `Type #${typeId} can be taken over from ${utc(readyAt)}: the waiting period lets its owner withdraw an offer it did not make.`,
  StackRuleInvalid: ([required, count]) =>
    `A stack needs between 1 and its number of components (${count}, at most 16); ${required} was given.`,
  StackComponentInvalid: ([typeId]) => `Type #${typeId} cannot be a component (unknown, a stack, or listed twice).`,
  StackRequirementsNotMet: ([holder, , valid, required]) =>
    `${short(holder)} holds ${valid} valid component credential(s); this stack needs ${required}.`,
  BatchSizeInvalid: ([size, max]) => `A batch holds 1 to ${max} recipients; this one has ${size}.`,
  BatchLengthMismatch: ([recipients, values]) => `${recipients} recipients but ${values} per-recipient values.`,
  CredentialAlreadyHeld: ([holder, typeId, tokenId]) =>
    `${short(holder)} already holds credential #${tokenId} of type #${typeId} (valid, or expired: renew that one instead).`,
  CredentialExpiryInvalid: () => "The expiry date must be in the future (and before 2106).",
  CredentialAlreadyRevoked: ([tokenId]) => `Credential #${tokenId} is already revoked.`,
  CredentialWasRenounced: ([tokenId]) =>
    `Credential #${tokenId} was renounced by its holder: it can still be revoked, not renewed or moved.`,
  CredentialWasMoved: ([tokenId, to]) => `Credential #${tokenId} was moved to a new address as #${to}: act on #${to}.`,
  CredentialMoveInvalid: ([tokenId, account]) =>
    `Credential #${tokenId} cannot move to ${short(account)}: no such move is pending, it is the same holder, or whoever proposed it no longer speaks for the issuer (a suspension or key change ends a proposal).`,
  CredentialMoveNotYet: ([tokenId, readyAt]) =>
    `The move of credential #${tokenId} can be accepted from ${utc(readyAt)}: the waiting period lets its holder, the issuer or the admin cancel a move they did not want.`,
  CredentialMoveUnauthorized: ([tokenId, account]) =>
    `${short(account)} may not cancel the move of credential #${tokenId}: only its holder, its issuer or the platform admin may.`,
  StackDeclined: ([holder, typeId]) =>
    `${short(holder)} renounced their stack credential of type #${typeId}; only they can claim it again.`,
  CredentialNonTransferable: () => "Credentials are soulbound: they cannot be transferred or approved.",
  RevocationReasonInvalid: ([reason]) => `Reason code ${reason} is not valid; use 1 to 6.`,
  IdSpaceExhausted: () => "The registry has no ids left.",
  HoldingsCursorInvalid: ([holder, cursor]) => `Credential #${cursor} is not one of ${short(holder)}'s.`,
  ERC721NonexistentToken: ([tokenId]) => `Credential #${tokenId} does not exist (or was renounced).`,
  ERC721IncorrectOwner: ([sender, tokenId]) => `${short(sender)} does not hold credential #${tokenId}.`,
  ERC721InvalidReceiver: () => "The recipient address is the zero address.",
  ERC721InvalidOwner: () => "The zero address holds no credentials.",
  ERC721InvalidSender: () => "Credentials cannot be sent from the zero address.",
  ERC721InsufficientApproval: ([, tokenId]) => `Credential #${tokenId} cannot be moved: credentials are soulbound.`,
  ERC721InvalidApprover: () => "Credentials are soulbound: they cannot be approved.",
  ERC721InvalidOperator: () => "Credentials are soulbound: they cannot be approved.",
  TypeUnauthorizedIssuer: ([typeId, issuerId]) =>
    `Issuer #${issuerId} neither owns credential type #${typeId} nor is its delegate any more, so nothing can be issued in its name.`,
  AuthorisationVoidedByCompromise: ([issuerId, at]) =>
    `Issuer #${issuerId}'s key was reported compromised after ${utc(at)}, when this was authorised (a claim round opened), so it no longer stands: the issuer opens a new round with its new key.`,
  RoundOpenerUnauthorized: ([typeId, account]) =>
    `${short(account)} may not open claim links for credential type #${typeId}: only an account that may issue it now can (its issuer or a delegate, both active; the type neither retired nor a stack).`,
  RoundSizeInvalid: ([size, max]) => `A claim round has 1 to ${max} links; this one has ${size}.`,
  RoundRootInvalid: () => "The claim round's Merkle root is missing.",
  RoundRootUsed: ([, id]) =>
    `These links already opened claim round #${id}: the same links cannot open a second round. Make new links for a new round.`,
  RoundDeadlineInvalid: () => "The claim deadline must be in the future (and before 2106).",
  RoundUnknown: ([id]) => `There is no claim round #${id} on this chain.`,
  RoundIsClosed: ([id]) => `Claim round #${id} was closed: its links no longer give credentials.`,
  RoundDeadlinePassed: ([id, deadline]) => `The deadline to claim from round #${id} passed on ${utc(deadline)}.`,
  RoundUnauthorizedAccount: ([id, account]) =>
    `${short(account)} may not manage claim round #${id}: only the account acting for its issuer, for the type's owner, or the platform admin may.`,
  LinkIndexInvalid: ([id, index, size]) => `Claim round #${id} has no link ${index} (it has ${size}).`,
  LinkAlreadyClaimed: ([id, index]) =>
    `This link (round #${id}, link ${index}) was already claimed. Each link gives one credential, once.`,
  LinkIsVoided: ([id, index]) => `The issuer voided this link (round #${id}, link ${index}).`,
  ClaimProofInvalid: ([id]) =>
    `This claim does not match claim round #${id}: the link is damaged, or its recipient, expiry or evidence was changed after its key signed it.`,
  // OpenZeppelin's ShortStrings, only at deployment (the EIP-712 name and version).
  InvalidShortString: () => "A name given to the contract at deployment is not a valid short string.",
  StringTooLong: () => "A name given to the contract at deployment is too long.",
  ECDSAInvalidSignature: () => "The claim's signature is not valid.",
  ECDSAInvalidSignatureLength: () => "The claim's signature is not valid.",
  ECDSAInvalidSignatureS: () => "The claim's signature is not valid.",
};

/** Revert bytes anywhere in an error's cause chain (`data` or `data.data`, as providers differ). */
function rawRevertData(error: unknown): Hex | undefined {
  const isHex = (v: unknown): v is Hex => typeof v === "string" && /^0x[0-9a-fA-F]{8,}$/.test(v);
  for (let e = error as { data?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 10; depth++) {
    if (isHex(e.data)) return e.data;
    const nested = (e.data as { data?: unknown } | undefined)?.data;
    if (isHex(nested)) return nested;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * The custom error name and arguments inside an error, if it is a registry revert. Uses viem's
 * decoding when the provider followed the JSON-RPC convention, and otherwise decodes revert
 * bytes found in the error (some wallets and in-process providers pass them differently).
 */
export function revertOf(error: unknown): { name: string; args: Args } | undefined {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
      return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
    }
  }
  const data = rawRevertData(error);
  if (!data) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: DECODABLE, data });
    return { name: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return undefined;
  }
}

/** The user refused the request in the wallet (EIP-1193 error 4001), however deep it is wrapped. */
export function isRejection(error: unknown): boolean {
  // A `cause` chain can loop back on itself: each error is looked at once, and at most 16 deep.
  const seen = new Set<unknown>();
  for (
    let e: unknown = error;
    e instanceof Object && !seen.has(e) && seen.size < 16;
    e = (e as { cause?: unknown }).cause
  ) {
    seen.add(e);
    if ((e as { code?: unknown }).code === 4001) return true;
  }
  return false;
}

/**
 * One sentence for any error a contract call can raise: a decoded custom error, a rejected
 * signature, or viem's short message. Never a stack trace or a raw RPC dump.
 */
export function describeError(error: unknown): string {
  const revert = revertOf(error);
  if (revert) {
    const message = ERROR_MESSAGES[revert.name];
    return message ? message(revert.args) : `The contract refused: ${revert.name}.`;
  }
  if (error instanceof BaseError) {
    if (isRejection(error)) return "You rejected the request in your wallet.";
    return error.shortMessage;
  }
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
