import { Link } from "wouter";
import { IssuerStatus, RevocationReason, type Credential, type IssuerProfile } from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { formatDate, shortAddress } from "../format";
import { useIssuerProfile, useLookAlikes } from "./useIssuer";

/**
 * What a verifier must not miss about who vouches for a credential, above its facts: the issuer is
 * suspended; a key-compromise watermark invalidated it; a delegate issued it in the issuer's name;
 * the issuer's name looks like another registered issuer's. Nothing when none applies. A list of
 * one issuer's credentials (the portfolio) says the issuer's once (`only="issuer"`) and each
 * credential's beside it (`only="credential"`).
 */
export function TrustWarnings({ ctx, c, only }: { ctx: ChainContext; c: Credential; only?: "issuer" | "credential" }) {
  const aboutIssuer = only !== "credential";
  const aboutCredential = only !== "issuer";
  const found = useLookAlikes(ctx, c.issuerId, c.issuerName).data;
  const lookAlikes = (aboutIssuer && found) || [];
  const suspended = aboutIssuer && c.issuerStatus === IssuerStatus.Suspended;
  const compromised = aboutCredential && c.revocationReason === RevocationReason.KeyCompromised;
  const delegated = aboutCredential && c.delegateIssuerId > 0n;
  if (!suspended && !compromised && !delegated && lookAlikes.length === 0) return null;
  const issuer = (
    <bdi>
      <strong>{c.issuerName}</strong>
    </bdi>
  );
  return (
    <ul className="warnings" aria-label="Warnings about the issuer">
      {suspended && (
        <li className="warning warning-suspended">
          Issuer suspended since {formatDate(c.issuerSuspendedAt)}: the registry's admin stopped {issuer} from issuing,
          renewing or revoking. Ask the issuer, or the registry's operator, why.
        </li>
      )}
      {compromised && <CompromiseWarning ctx={ctx} c={c} />}
      {delegated && (
        <li className="warning warning-delegate">
          Issued by a delegate:{" "}
          <Link href={withChain(`/issuer/${c.delegate}`, ctx.chainId)}>
            <bdi>{c.delegateName}</bdi>
          </Link>{" "}
          <code className="muted">{shortAddress(c.delegate)}</code> issued it in {issuer}'s name, with its permission.
        </li>
      )}
      {lookAlikes.map((other) => (
        <li key={other.issuerId.toString()} className="warning warning-lookalike">
          Look-alike name: {issuer} looks like{" "}
          <Link href={withChain(`/issuer/${other.account}`, ctx.chainId)}>
            <bdi>{other.name}</bdi>
          </Link>
          , a different issuer ({shortAddress(other.account)}, registered {formatDate(other.registeredAt)}
          {other.issuerId > c.issuerId ? ", after this one" : ", before this one"}). Check the issuer's address, not
          only its name.
        </li>
      ))}
    </ul>
  );
}

/** "Invalidated by a key compromise", naming whose key it was. */
function CompromiseWarning({ ctx, c }: { ctx: ChainContext; c: Credential }) {
  // Whose key: the issuer's, or (for a delegate's credential) the delegate's; the watermark that
  // covers the credential's original id says which.
  const owner = useIssuerProfile(ctx, c.issuerId).data;
  const delegate = useIssuerProfile(ctx, c.delegateIssuerId > 0n ? c.delegateIssuerId : undefined).data;
  const original = c.movedFrom > 0n ? c.movedFrom : c.tokenId;
  const covers = (p: IssuerProfile | undefined) =>
    p !== undefined && p.compromisedFrom > 0n && original >= p.compromisedFrom && original <= p.compromisedUntil;
  const leaked = covers(delegate) && !covers(owner) ? c.delegateName : c.issuerName;
  return (
    <li className="warning warning-compromised">
      Invalidated by a key compromise:{" "}
      <bdi>
        <strong>{leaked}</strong>
      </bdi>
      's key was stolen or lost; on {formatDate(c.revokedAt)} the registry's admin invalidated what was issued with it,
      this credential among them.
    </li>
  );
}

/**
 * The issuer's warnings as short marks beside a credential in a table or a line (credits, the
 * expiring list, an employer's result): a suspended issuer, a delegate, a look-alike name. The
 * credential's page says each in full.
 */
export function IssuerMarks({ ctx, c }: { ctx: ChainContext; c: Credential }) {
  const lookAlikes = useLookAlikes(ctx, c.issuerId, c.issuerName).data ?? [];
  return (
    <>
      {c.issuerStatus === IssuerStatus.Suspended && <strong className="issuer-warning"> · issuer suspended</strong>}
      {c.delegateIssuerId > 0n && (
        <strong className="issuer-warning">
          {" "}
          · issued by a delegate, <bdi>{c.delegateName}</bdi>
        </strong>
      )}
      {lookAlikes.map((other) => (
        <strong key={other.issuerId.toString()} className="issuer-warning issuer-lookalike">
          {" "}
          · ⚠ the issuer&apos;s name looks like <bdi>{other.name}</bdi> (issuer #{other.issuerId.toString()}), a
          different issuer
        </strong>
      ))}
    </>
  );
}
