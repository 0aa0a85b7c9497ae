// Named re-exports only: Node's ES-module loader can see these when a tool loads this package
// as CommonJS (as tsx does), which it cannot for `export *`.
export { credentialClaimsAbi, credentialLensAbi, credentialRegistryAbi, credentialRendererAbi } from "./generated/abis";
export { deployments } from "./generated/deployments";
export { knownChains } from "./generated/chains";
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
export { ERROR_MESSAGES, describeError, isRejection, revertOf } from "./errors";
export {
  CREDENTIALS_PAGE,
  credentialsPageCallData,
  decodeCredentialsPage,
  decodeTokenURI,
  deploymentOn,
  lensAddress,
  readCredentialType,
  readCredentialsOf,
  readCredentialsPage,
  readIssuer,
  readIssuerOf,
  readIssuers,
  registryAddress,
  verifyCredential,
} from "./credentials";
export type { ChainId, Credential, CredentialTypeInfo, Deployment, IssuerProfile } from "./credentials";
export {
  CREDIT_PERIODS,
  CREDITS_PAGE,
  EXPIRING_SOON_DAYS,
  carriesCredits,
  countCredits,
  countsForCredits,
  daysUntil,
  expiresSoon,
  expiringSoon,
  expiryPhrase,
  parseCreditPeriod,
  periodStart,
  readCreditsOf,
} from "./credits";
export type { CreditPeriod, CreditQuery, CreditTotal } from "./credits";
export { foldIssuerName, issuerNameKey, nameProblem } from "./names";
export { lookAlikeGroups, lookAlikeIssuers, lookAlikeKeys } from "./lookalike";
export { readFormerIssuerOf, readIssuerHistory, readIssuerTypes } from "./issuerHistory";
export { leakedKeyActions } from "./leakedKey";
export type { LeakedKeyAction, LeakedKeyReport } from "./leakedKey";
export { readCredentialHistory } from "./credentialHistory";
export type { CredentialEvent } from "./credentialHistory";
export type { IssuerEvent } from "./issuerHistory";
export {
  DOMAIN_PROOF_MAX_BYTES,
  DOMAIN_PROOF_PATH,
  DOMAIN_PROOF_VERSION,
  checkDomainProof,
  domainProofFile,
  domainProofLocation,
  isLoopback,
  parseDomainProofFile,
} from "./domain";
export type { DomainProof, DomainProofEntry } from "./domain";
export { LIMITS, byteLength, checkCredentialType, maxValiditySeconds, parseCredits } from "./types";
export type { CredentialTypeDraft, CredentialTypeInput, DraftCheck, DraftField } from "./types";
export { ensNameWarning, looksLikeEnsName, normalizedOrAsIs, parseAddress, parseRecipient } from "./address";
export type { AddressCheck } from "./address";
export { COLUMN_NAMES, csvTemplate, formulaSafe, mapColumns, parseRecipientsCsv, toCsv, toCsvChunks } from "./bulk/csv";
export type { ColumnMap, CsvRow, ParsedCsv } from "./bulk/csv";
export { checkRowsOffline, parseEvidence, parseValidUntil, typeProblem, validateRows } from "./bulk/validate";
export type { ReadyRow, RowOutcome, Validation } from "./bulk/validate";
export { GAS_MARGIN, TX_GAS_CAP, batchArgs, estimateBatch, issueBatchRequest, planIssuance } from "./bulk/plan";
export type { BatchArgs, Plan, PlanOptions } from "./bulk/plan";
export {
  JobStopped,
  fileHash,
  formatDuration,
  issuedRows,
  jobResults,
  newJobState,
  reconcileJob,
  resultsCsv,
  runIssuance,
  sameJob,
} from "./bulk/job";
export type {
  ChunkRecord,
  JobKey,
  JobState,
  JobStore,
  Progress,
  ResultRow,
  ResultStatus,
  RunOptions,
} from "./bulk/job";
export { prepareBulkIssue } from "./bulk/prepare";
export { confirmIssued, defaultConfirmations, recipientsByRow } from "./bulk/confirm";
export type { Confirmation, ConfirmOptions } from "./bulk/confirm";
export type { PrepareOptions, Prepared } from "./bulk/prepare";
export { parseLinksCsv } from "./bulk/csv";
export {
  LinkTree,
  appBaseFromCredentialBase,
  claimUrl,
  claimUrlPrefix,
  decodeClaimCode,
  encodeClaimCode,
  keyAddress,
  linkKey,
  linkKeyAddress,
  linkLeaf,
  newRoundSeed,
  nobleCrypto,
  verifyLinkProof,
} from "./claims/links";
export type { ClaimCrypto, ClaimLink, LinkTerms } from "./claims/links";
export {
  claimArgs,
  claimRequest,
  CLAIMS_DOMAIN,
  claimTypedData,
  claimsAddress,
  claimsCallAbi,
  ROUNDS_LISTED,
  readLinkCounts,
  readLinkState,
  readLinkStates,
  readRound,
  readRoundsOf,
  roundProblem,
} from "./claims/claim";
export type { LinkState, RoundInfo } from "./claims/claim";
export {
  SPONSOR_BATCH,
  SPONSOR_REQUEST_PREFIX,
  SPONSOR_STATUS,
  checkSponsorLines,
  checkSponsorRequests,
  claimManyRequest,
  decodeSponsorRequest,
  earlierSponsorTransactions,
  encodeSponsorRequest,
  findLinkClaim,
  readSponsorLines,
  settleSponsorBatch,
  stopSponsorBatches,
  sponsorBatches,
  sponsorLineHints,
  sponsorRequest,
  sponsorResultsCsv,
} from "./claims/sponsor";
export type { LinkClaimRecord, SponsorCheck, SponsorCheckOptions, SponsorLine, SponsorRequest } from "./claims/sponsor";
export {
  MAX_ROUND_SIZE,
  buildRound,
  checkLinkRows,
  foundRoundProblem,
  roundOfRoot,
  linksCsv,
  linksCsvChunks,
  openRoundRequest,
  roundIdFromLogs,
  roundLink,
} from "./claims/round";
export type { BuiltRound, LinkRow, LinkRowOutcome, RoundExpected, RoundJob } from "./claims/round";
export {
  ACHIEVEMENT_TYPES,
  OB3_CONTEXTS,
  OB3_STATUS_CONTEXT,
  OB3_STATUS_TYPE,
  readOpenBadge,
  toOpenBadge,
} from "./openBadges";
export type { OpenBadgeCredential, OpenBadgeExport, OpenBadgeInput } from "./openBadges";
export { compareOpenBadge, readOpenBadgeFile } from "./openBadgeCheck";
export type { FieldCheck, OpenBadgeFile, OpenBadgeFileTarget } from "./openBadgeCheck";
export { embedSnippets, linkedInAddUrl } from "./share";
export type { ShareFacts } from "./share";
export { safeBatchChecksum, safeBatchFile } from "./safe";
export type { SafeBatchFile, SafeTransaction } from "./safe";
export {
  INDEXED_STATUSES,
  IndexUnavailable,
  fetchActivity,
  fetchAllCredentials,
  fetchCredentialEvents,
  fetchIndexState,
  fetchIssued,
  fetchIssuerSummary,
  historyFromIndex,
  indexJson,
  indexedStatus,
  issuedCsvUrl,
  reviveIndexJson,
} from "./indexer";
export type {
  IndexState,
  IndexedCredential,
  IndexedEvent,
  IndexedStatusName,
  IssuedPage,
  IssuedQuery,
  IssuerSummary,
  StatusFacts,
} from "./indexer";
export {
  MAX_CANDIDATES,
  REQUIREMENT_LIMITS,
  candidatesCsv,
  lookAlikeMark,
  checkCandidates,
  checkRequirement,
  describeRequirement,
  emptyRequirement,
  isoDate,
  missingSentence,
  parseCandidateList,
  parseRequirement,
  parseRequirementJson,
  readCredentialPasts,
  readRequirementNames,
  requirementJson,
  requirementMoment,
  requirementParam,
  requirementProblem,
  requirementText,
  standsAt,
  typeLabel,
} from "./requirement";
export type {
  CandidateList,
  CandidateResult,
  CredentialPast,
  ParsedRequirement,
  Requirement,
  LookAlikes,
  RequirementCheck,
  RequirementFile,
  RequirementNames,
  TypeOutcome,
} from "./requirement";
export {
  CHALLENGE_DAYS,
  PROOF_STATEMENT,
  checkAddressProof,
  decodeProof,
  encodeProof,
  newChallenge,
  proofFile,
  proofMessage,
} from "./addressProof";
export type { AddressProof, Challenge, ProofCheck } from "./addressProof";
export { MAX_TEAM, parseTeamCsv, skillMatrix, teamCsv, teamTimeline } from "./team";
export type { SkillCell, SkillColumn, SkillMatrix, Team, TeamMember, TimelinePoint } from "./team";
