/** Labels and rules for credential status, kinds and revocation reasons. Mirrors the contract's enums. */

export enum CredentialStatus {
  Unknown = 0,
  Valid = 1,
  Expired = 2,
  Revoked = 3,
  Renounced = 4,
  Moved = 5,
}

export enum CredentialKind {
  Badge = 0,
  Certificate = 1,
  SkillCertification = 2,
  ProfessionalDevelopmentCredit = 3,
}

export enum IssuerStatus {
  None = 0,
  Active = 1,
  Suspended = 2,
}

/** Reason codes an issuer may give when revoking, and the one the registry reports for stacks. */
export const RevocationReason = {
  Unspecified: 1,
  IssuedInError: 2,
  Misconduct: 3,
  Superseded: 4,
  RequirementsNoLongerMet: 5,
  HolderRequest: 6,
  KeyCompromised: 254,
  ComponentRevoked: 255,
} as const;

export const STATUS_LABELS: Record<CredentialStatus, string> = {
  [CredentialStatus.Unknown]: "Unknown",
  [CredentialStatus.Valid]: "Valid",
  [CredentialStatus.Expired]: "Expired",
  [CredentialStatus.Revoked]: "Revoked",
  [CredentialStatus.Renounced]: "Renounced",
  [CredentialStatus.Moved]: "Moved",
};

export const KIND_LABELS: Record<CredentialKind, string> = {
  [CredentialKind.Badge]: "Badge",
  [CredentialKind.Certificate]: "Certificate",
  [CredentialKind.SkillCertification]: "Skill certification",
  [CredentialKind.ProfessionalDevelopmentCredit]: "Professional development credit",
};

const REASON_LABELS: Record<number, string> = {
  1: "Unspecified",
  2: "Issued in error",
  3: "Misconduct",
  4: "Superseded",
  5: "Requirements no longer met",
  6: "Holder request",
  254: "The issuer's key was compromised",
  255: "A component credential was revoked",
};

export function statusLabel(status: number): string {
  return STATUS_LABELS[status as CredentialStatus] ?? `Unknown status ${status}`;
}

export function kindLabel(kind: number): string {
  return KIND_LABELS[kind as CredentialKind] ?? `Unknown kind ${kind}`;
}

export function reasonLabel(reason: number): string {
  return REASON_LABELS[reason] ?? `Reason ${reason}`;
}

/** "1.50" from the contract's hundredths. */
export function formatCredits(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

/** Whether a credential with this status proves anything right now. */
export function isValid(status: number): boolean {
  return status === CredentialStatus.Valid;
}
