import { Link } from "wouter";
import { IssuerStatus, RevocationReason, kindLabel, reasonLabel, type Credential } from "@onchaincert/sdk";

import { withChain } from "../chain";
import { formatDate, shortAddress } from "../format";
import { DateFacts } from "./DateFacts";
import { StatusBadge } from "./StatusBadge";

/** One credential as a card; `now` (Unix seconds, the read block's time when known) dates "expires in". */
export function CredentialCard({ c, chainId, now }: { c: Credential; chainId: number; now?: number }) {
  const stack = c.components.length > 0;
  return (
    <article className={`card card-${c.status}`} aria-label={`${c.typeName}, credential ${c.tokenId}`}>
      <header className="card-head">
        <div>
          <p className="eyebrow">
            {kindLabel(c.kind)}
            {stack && " · stacked qualification"}
          </p>
          <h3>
            <Link href={withChain(`/credential/${c.tokenId}`, chainId)}>{c.typeName}</Link>
          </h3>
        </div>
        <StatusBadge status={c.status} />
      </header>
      <dl className="facts">
        <dt>Issuer</dt>
        <dd>
          {c.issuerName} <span className="muted">({shortAddress(c.issuer)})</span>
          {c.issuerStatus === IssuerStatus.Suspended && (
            <strong className="issuer-warning"> · suspended since {formatDate(c.issuerSuspendedAt)}</strong>
          )}
        </dd>
        <DateFacts c={c} now={now} />
        <dt>Credential</dt>
        <dd>#{c.tokenId.toString()}</dd>
      </dl>
      {c.revocationReason > 0 && (
        <p className="revocation">
          {c.revocationReason === RevocationReason.ComponentRevoked ? "Invalid since " : "Revoked "}
          {formatDate(c.revokedAt)}: {reasonLabel(c.revocationReason)}
          {c.revocationNote && <> — “{c.revocationNote}”</>}
        </p>
      )}
      {stack && (
        <p className="muted">
          Built from{" "}
          {c.components.map((id, i) => (
            <span key={id.toString()}>
              {i > 0 && ", "}
              <Link href={withChain(`/credential/${id}`, chainId)}>#{id.toString()}</Link>
            </span>
          ))}
        </p>
      )}
    </article>
  );
}
