import { formatCredits, type Credential } from "@onchaincert/sdk";

import { formatDate } from "../format";

/** The issued / valid-until / credits rows of a credential's fact list (inside a <dl>). */
export function DateFacts({ c }: { c: Credential }) {
  return (
    <>
      <dt>Issued</dt>
      <dd>{formatDate(c.issuedAt)}</dd>
      <dt>Valid until</dt>
      <dd>{c.validUntil === 0n ? "Does not expire" : formatDate(c.validUntil)}</dd>
      {c.credits > 0 && (
        <>
          <dt>Credits</dt>
          <dd>{formatCredits(c.credits)}</dd>
        </>
      )}
    </>
  );
}
