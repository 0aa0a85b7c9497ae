import { Link } from "wouter";
import type { Address } from "viem";
import { DOMAIN_PROOF_PATH, domainProofFile, domainProofLocation } from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { DomainBadge } from "../issuer/IssuerName";
import { ALLOW_LOOPBACK, useDomainProof, useIssuerProfile } from "../issuer/useIssuer";
import { downloadFile } from "./bulk/download";

/**
 * The issuer console's "prove your website" panel: the file to publish, where, with which header,
 * and whether verifiers see the domain as proven now. See docs/domain-proof.md.
 */
export function DomainProofPanel({
  ctx,
  issuerId,
  account,
}: {
  ctx: ChainContext;
  issuerId: bigint;
  account: Address;
}) {
  const profile = useIssuerProfile(ctx, issuerId);
  const proof = useDomainProof(ctx, profile.data);
  const file = domainProofFile([{ chainId: ctx.chainId, account }]);
  const where = profile.data ? domainProofLocation(profile.data.url, { allowLoopback: ALLOW_LOOPBACK }) : undefined;
  return (
    <div className="panel">
      <h2>Prove your website</h2>
      <p>
        Verifiers see your domain ticked beside your name (<DomainBadge ctx={ctx} issuerId={issuerId} />) when your
        website lists this account. Publish the file below at{" "}
        <code>{where && "url" in where ? where.url : `https://<your domain>${DOMAIN_PROOF_PATH}`}</code>, served with
        the header <code>Access-Control-Allow-Origin: *</code> so any verifier's browser may read it. Issue on more than
        one chain? List one entry per chain in the same file.
      </p>
      {where && "reason" in where && <p className="field-error">{where.reason}</p>}
      {proof.data && !proof.data.proven && <p className="muted domain-reason">Now: {proof.data.reason}</p>}
      <pre className="domain-file" aria-label="Domain proof file">
        {file}
      </pre>
      <p className="actions">
        <button type="button" onClick={() => downloadFile("onchaincert.json", file, "application/json")}>
          Download onchaincert.json
        </button>{" "}
        <Link href={withChain(`/issuer/${account}`, ctx.chainId)}>See your issuer page as verifiers do</Link>
      </p>
    </div>
  );
}
