import { memo } from "react";
import { Link } from "wouter";
import { RevocationReason, kindLabel, reasonLabel, type Credential } from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { formatDate } from "../format";
import { IssuerName } from "../issuer/IssuerName";
import { TrustWarnings } from "../issuer/TrustWarnings";
import { DateFacts } from "./DateFacts";
import { StatusBadge } from "./StatusBadge";

/**
 * One credential as a card; `now` (Unix seconds, the read block's time when known) dates "expires
 * in". Memoised: a list re-renders as pages and blocks come, and its cards only when theirs change.
 */
export const CredentialCard = memo(function CredentialCard({
  c,
  ctx,
  now,
}: {
  c: Credential;
  ctx: ChainContext;
  now?: number;
}) {
  const { chainId } = ctx;
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
            <Link href={withChain(`/credential/${c.tokenId}`, chainId)}>
              <bdi>{c.typeName}</bdi>
            </Link>
          </h3>
        </div>
        <StatusBadge status={c.status} />
      </header>
      <TrustWarnings ctx={ctx} c={c} />
      <dl className="facts">
        <dt>Issuer</dt>
        <dd>
          <IssuerName ctx={ctx} issuerId={c.issuerId} name={c.issuerName} account={c.issuer} />
        </dd>
        <DateFacts c={c} now={now} />
        <dt>Credential</dt>
        <dd>#{c.tokenId.toString()}</dd>
      </dl>
      {c.revocationReason > 0 && (
        <p className="revocation">
          {c.revocationReason === RevocationReason.ComponentRevoked ? "Invalid since " : "Revoked "}
          {formatDate(c.revokedAt)}: {reasonLabel(c.revocationReason)}
          {c.revocationNote && (
            <>
              {" "}
              — “<bdi>{c.revocationNote}</bdi>”
            </>
          )}
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
});
