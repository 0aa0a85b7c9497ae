import { CredentialStatus, statusLabel } from "@onchaincert/sdk";

const TONE: Record<number, string> = {
  [CredentialStatus.Valid]: "valid",
  [CredentialStatus.Expired]: "expired",
  [CredentialStatus.Revoked]: "revoked",
};

export function StatusBadge({ status }: { status: number }) {
  return <span className={`badge badge-${TONE[status] ?? "muted"}`}>{statusLabel(status)}</span>;
}
