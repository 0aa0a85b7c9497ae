import { Link } from "wouter";
import type { CredentialTypeInfo, IssuerProfile, Requirement } from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import type { LookAlikeMap } from "../issuer/useIssuer";

/**
 * Before anyone is checked: an issuer the requirement names (the owner of a chosen type today, or
 * an accepted issuer) has a name that looks like another registered issuer's. An employer who
 * picked "Cloud Fundamentals" from the look-alike would accept the impostor's credentials and
 * nobody else's. (A credential that counts from such an issuer, whoever owns its type now, is
 * warned about in each candidate's result too: `checkCandidates`' `lookAlikes`.)
 */
export function LookAlikeWarnings({
  ctx,
  req,
  types,
  issuers,
  lookAlikes,
}: {
  ctx: ChainContext;
  req: Requirement;
  types: readonly CredentialTypeInfo[] | undefined;
  issuers: readonly IssuerProfile[] | undefined;
  lookAlikes: LookAlikeMap | undefined;
}) {
  if (!lookAlikes?.size || !issuers) return null;
  const owner = new Map((types ?? []).map((t) => [t.typeId, t.ownerIssuerId]));
  const counted = [
    ...new Set(
      [...req.allOf, ...req.anyOf.types]
        .map((id) => owner.get(id))
        .filter((id): id is bigint => id !== undefined)
        .concat(req.issuers),
    ),
  ].sort((a, b) => (a < b ? -1 : 1));
  const warned = counted.flatMap((id) => {
    const issuer = issuers.find((p) => p.issuerId === id);
    const others = lookAlikes.get(id);
    return issuer && others ? [{ issuer, others }] : [];
  });
  if (warned.length === 0) return null;
  const link = (p: IssuerProfile) => (
    <>
      <Link href={withChain(`/issuer/${p.account}`, ctx.chainId)}>
        <bdi>{p.name}</bdi>
      </Link>{" "}
      (issuer #{p.issuerId.toString()}, <code>{p.account}</code>)
    </>
  );
  return (
    <ul className="warnings" aria-label="Warnings about the requirement's issuers">
      {warned.map(({ issuer, others }) => (
        <li key={issuer.issuerId.toString()} className="warning warning-lookalike">
          Look-alike name: this requirement names {link(issuer)}, which looks like{" "}
          {others.map((o, i) => (
            <span key={o.issuerId.toString()}>
              {i > 0 && " and "}
              {link(o)}
            </span>
          ))}
          , a different issuer. Make sure you chose the one you mean.
        </li>
      ))}
    </ul>
  );
}
