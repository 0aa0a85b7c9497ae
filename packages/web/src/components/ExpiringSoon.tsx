import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import {
  EXPIRING_SOON_DAYS,
  IssuerStatus,
  expiringSoon,
  expiryPhrase,
  readIssuer,
  type Credential,
} from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { formatDate, safeHref } from "../format";
import { IssuerMarks } from "../issuer/TrustWarnings";
import { useReadClient } from "../readClient";

/**
 * Valid credentials that expire within 90 days, soonest first, each with who renews it: the
 * issuer that vouches for it (its website when it has one). Renders nothing when there are none.
 */
export function ExpiringSoon({
  credentials,
  now,
  ctx,
  holderIsYou = false,
}: {
  credentials: readonly Credential[];
  /** Unix seconds. */
  now: number;
  ctx: ChainContext;
  holderIsYou?: boolean;
}) {
  const soon = expiringSoon(credentials, now);
  const issuerIds = [...new Set(soon.map((c) => c.issuerId))];
  const client = useReadClient(ctx.chainId);
  const issuers = useQuery({
    queryKey: ["issuer-profiles", ctx.chainId, ctx.registry, issuerIds.join(",")],
    enabled: Boolean(client && ctx.registry && issuerIds.length > 0),
    queryFn: () => Promise.all(issuerIds.map((id) => readIssuer(client!, ctx.registry!, id))),
    staleTime: 60_000,
  });
  if (soon.length === 0) return null;
  const website = (issuerId: bigint) => {
    const url = safeHref(issuers.data?.find((p) => p.issuerId === issuerId)?.url ?? "");
    try {
      return url ? { url, host: new URL(url).host } : undefined;
    } catch {
      return undefined; // "https://" and the like: nothing to link
    }
  };
  return (
    <section className="panel panel-wide expiring" aria-labelledby="expiring-title">
      <h2 id="expiring-title">Expiring in the next {EXPIRING_SOON_DAYS} days</h2>
      <ul className="expiring-list">
        {soon.map((c) => {
          const site = website(c.issuerId);
          return (
            <li key={c.tokenId.toString()}>
              <span>
                <Link href={withChain(`/credential/${c.tokenId}`, ctx.chainId)}>{c.typeName}</Link>{" "}
                <strong className="expires">{expiryPhrase(Number(c.validUntil), now)}</strong>{" "}
                <span className="muted">({formatDate(c.validUntil)})</span>
              </span>
              {c.issuerStatus === IssuerStatus.Suspended ? (
                <span className="hint">
                  Renew: its issuer, {c.issuerName}, is suspended (since {formatDate(c.issuerSuspendedAt)}) and cannot
                  renew it now.
                </span>
              ) : (
                <span className="hint">
                  Renew: {holderIsYou ? "ask" : "the holder asks"} <bdi>{c.issuerName}</bdi>
                  <IssuerMarks ctx={ctx} c={c} />
                  {site && (
                    <>
                      {" "}
                      (
                      <a href={site.url} target="_blank" rel="noreferrer noopener">
                        {site.host}
                      </a>
                      )
                    </>
                  )}
                  , which issued it.
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
