import { Link } from "wouter";
import type { Address } from "viem";

import { withChain, type ChainContext } from "../chain";
import { shortAddress } from "../format";
import { useDomainProof, useIssuerProfile } from "./useIssuer";

/**
 * An issuer as every page names it: its vetted name (bidi-isolated: a right-to-left name cannot
 * reorder what stands beside it), linked to its issuer page, whether its website proves it, and
 * its account.
 */
export function IssuerName({
  ctx,
  issuerId,
  name,
  account,
  full = false,
}: {
  ctx: ChainContext;
  issuerId: bigint;
  name: string;
  account: Address;
  /** Show the whole account (pages) rather than its short form (cards). */
  full?: boolean;
}) {
  return (
    <span className="issuer-name">
      <Link href={withChain(`/issuer/${account}`, ctx.chainId)}>
        <bdi>{name}</bdi>
      </Link>
      <DomainBadge ctx={ctx} issuerId={issuerId} />{" "}
      <code className={full ? "muted account-line" : "muted"}>{full ? account : shortAddress(account)}</code>
    </span>
  );
}

/** "✓ northwind.edu" when the issuer's website lists its account; "domain not proven" (with why) when not. */
export function DomainBadge({ ctx, issuerId }: { ctx: ChainContext; issuerId: bigint }) {
  const profile = useIssuerProfile(ctx, issuerId);
  const proof = useDomainProof(ctx, profile.data);
  if (!proof.data) return null;
  if (proof.data.proven) {
    return (
      <>
        {" "}
        <span className="domain domain-proven" title={`${proof.data.url} lists this issuer's account on this chain.`}>
          ✓ {proof.data.host}
        </span>
      </>
    );
  }
  return (
    <>
      {" "}
      <span className="domain domain-unproven" title={proof.data.reason}>
        domain not proven
      </span>
    </>
  );
}
