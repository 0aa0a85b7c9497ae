import { Link } from "wouter";
import { CredentialStatus, kindLabel, type Credential } from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { formatDate } from "../format";
import { IssuerName } from "../issuer/IssuerName";
import { TrustWarnings } from "../issuer/TrustWarnings";
import { StatusBadge } from "./StatusBadge";

export interface PortfolioGroup {
  issuerId: bigint;
  credentials: Credential[];
  valid: number;
}

/**
 * A holder's credentials by issuing organisation: organisations with more valid credentials
 * first (then by name), and in each, valid credentials first, newest first.
 */
export function portfolioGroups(credentials: readonly Credential[]): PortfolioGroup[] {
  const groups = new Map<bigint, PortfolioGroup>();
  for (const c of credentials) {
    const group = groups.get(c.issuerId) ?? { issuerId: c.issuerId, credentials: [], valid: 0 };
    group.credentials.push(c);
    if (c.status === CredentialStatus.Valid) group.valid++;
    groups.set(c.issuerId, group);
  }
  const validFirst = (a: Credential, b: Credential) =>
    Number(b.status === CredentialStatus.Valid) - Number(a.status === CredentialStatus.Valid) ||
    Number(b.issuedAt - a.issuedAt) ||
    Number(b.tokenId - a.tokenId);
  return [...groups.values()]
    .map((g) => ({ ...g, credentials: g.credentials.sort(validFirst) }))
    .sort(
      (a, b) =>
        b.valid - a.valid ||
        a.credentials[0]!.issuerName.localeCompare(b.credentials[0]!.issuerName) ||
        Number(a.issuerId - b.issuerId),
    );
}

/** The portfolio view of `/verify/<address>`: one section per issuer, a line per credential; printable. */
export function Portfolio({ credentials, ctx }: { credentials: readonly Credential[]; ctx: ChainContext }) {
  return (
    <div className="portfolio">
      {portfolioGroups(credentials).map((g) => {
        const first = g.credentials[0]!;
        return (
          <section key={g.issuerId.toString()} className="portfolio-group">
            <h3>
              <IssuerName ctx={ctx} issuerId={g.issuerId} name={first.issuerName} account={first.issuer} />
            </h3>
            <TrustWarnings ctx={ctx} c={first} only="issuer" />
            <p className="muted">
              {g.valid} valid of {g.credentials.length}
            </p>
            <ul className="portfolio-list">
              {g.credentials.map((c) => (
                <li key={c.tokenId.toString()} className={`portfolio-item portfolio-${c.status}`}>
                  <StatusBadge status={c.status} />{" "}
                  <Link href={withChain(`/credential/${c.tokenId}`, ctx.chainId)}>
                    <bdi>{c.typeName}</bdi>
                  </Link>{" "}
                  <span className="muted">
                    {kindLabel(c.kind)} · issued {formatDate(c.issuedAt)}
                    {c.validUntil > 0n && ` · valid until ${formatDate(c.validUntil)}`} · #{c.tokenId.toString()}
                  </span>
                  <TrustWarnings ctx={ctx} c={c} only="credential" />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
