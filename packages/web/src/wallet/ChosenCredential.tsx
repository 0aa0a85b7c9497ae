import type { ReactNode } from "react";
import { Link } from "wouter";

import { withChain, type ChainContext } from "../chain";

/**
 * The credential a form acts on, as the chain has it, under the id typed in: "Reading…", "There is
 * no credential #n", or its link and `children` (holder, status…), then `after` (warnings, pending
 * actions). Shown before anything is sent, so a mistyped id is seen for what it is.
 */
export function ChosenCredential({
  ctx,
  tokenId,
  pending,
  found,
  className,
  children,
  after,
}: {
  ctx: ChainContext;
  tokenId: bigint | undefined;
  pending: boolean;
  /** The credential's type name when the chain knows the id; undefined when it does not. */
  found: { typeName: string } | undefined;
  className: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  if (tokenId === undefined) return null;
  if (pending) return <p className="muted">Reading credential #{tokenId.toString()}…</p>;
  if (!found) return <p className="field-error">There is no credential #{tokenId.toString()} on this chain.</p>;
  return (
    <div className={className} aria-live="polite">
      <p>
        <Link href={withChain(`/credential/${tokenId}`, ctx.chainId)}>
          #{tokenId.toString()} <bdi>{found.typeName}</bdi>
        </Link>{" "}
        {children}
      </p>
      {after}
    </div>
  );
}
