// Named re-exports only: Node's ES-module loader can see these when a tool loads this package
// as CommonJS (as tsx does), which it cannot for `export *`.
export { credentialRegistryAbi, credentialRendererAbi } from "./generated/abis";
export { deployments } from "./generated/deployments";
export {
  CredentialKind,
  CredentialStatus,
  IssuerStatus,
  KIND_LABELS,
  RevocationReason,
  STATUS_LABELS,
  formatCredits,
  isValid,
  kindLabel,
  reasonLabel,
  statusLabel,
} from "./status";
export { ERROR_MESSAGES, describeError, revertOf } from "./errors";
export {
  decodeTokenURI,
  readCredentialType,
  readCredentialsOf,
  readIssuer,
  registryAddress,
  verifyCredential,
} from "./credentials";
export type { ChainId, Credential, CredentialTypeInfo, IssuerProfile } from "./credentials";
export { LIMITS, byteLength, checkCredentialType, parseCredits } from "./types";
export type { CredentialTypeDraft, CredentialTypeInput, DraftCheck, DraftField } from "./types";
