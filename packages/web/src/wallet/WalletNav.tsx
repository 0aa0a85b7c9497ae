import { Link, useRoute } from "wouter";
import { useAccount } from "wagmi";
import { IssuerStatus } from "@onchaincert/sdk";

import { useChainContext, withChain } from "../chain";
import { useRoles } from "./useRoles";

function Tab({ href, label }: { href: string; label: string }) {
  const ctx = useChainContext();
  const [active] = useRoute(href);
  return (
    <Link href={withChain(href, ctx.chainId)} className="tab" aria-current={active ? "page" : undefined}>
      {label}
    </Link>
  );
}

/** The pages the connected account can use, from its roles on the registry; nothing before it connects. */
export function WalletNav() {
  const { isConnected } = useAccount();
  const roles = useRoles();
  if (!isConnected || !roles.known) return null;
  const issuer = roles.issuerStatus !== IssuerStatus.None;
  return (
    <nav className="tabs" aria-label="Your account">
      <Tab href="/me" label="My credentials" />
      {issuer && <Tab href="/issue" label="Issue" />}
      {issuer && <Tab href="/issue/bulk" label="Bulk issue" />}
      {issuer && <Tab href="/issued" label="Issued" />}
      {issuer && <Tab href="/issue/types" label="Credential types" />}
      {issuer && <Tab href="/sponsor" label="Pay for claims" />}
      {roles.isAdmin && <Tab href="/admin" label="Admin" />}
      <span className="roles">
        {roles.isAdmin && <span className="role">Platform admin</span>}
        {roles.issuerStatus === IssuerStatus.Active && <span className="role">Issuer: {roles.issuerName}</span>}
        {roles.issuerStatus === IssuerStatus.Suspended && (
          <span className="role role-warning">Suspended issuer: {roles.issuerName}</span>
        )}
        {!issuer && !roles.isAdmin && <span className="role">Recipient</span>}
      </span>
    </nav>
  );
}
