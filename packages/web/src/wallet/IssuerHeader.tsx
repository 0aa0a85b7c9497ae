import { IssuerStatus } from "@onchaincert/sdk";

import { Notice } from "../components/Notice";
import type { Roles } from "./useRoles";

/** The account's standing as an issuer, said once at the top of each issuer page. */
export function IssuerHeader({ roles, title }: { roles: Roles; title: string }) {
  return (
    <>
      <h1 className="page-title">{title}</h1>
      {roles.issuerStatus === IssuerStatus.Active ? (
        <p className="lead">Signed in as {roles.issuerName}.</p>
      ) : roles.issuerStatus === IssuerStatus.Suspended ? (
        <Notice
          tone="error"
          title="This issuer account is suspended: it cannot create types, issue, renew or revoke until the platform admin reinstates it."
        />
      ) : roles.known ? (
        <Notice title="This account is not a registered issuer. The platform admin registers issuer organisations." />
      ) : null}
    </>
  );
}
