import { expiresSoon, expiryPhrase, formatCredits, type Credential } from "@onchaincert/sdk";

import { formatDate } from "../format";
import { useNow } from "../useNow";

/**
 * The issued / valid-until / credits rows of a credential's fact list (inside a <dl>); a valid
 * credential that expires within 90 days of `now` (Unix seconds; the clock by default) says so.
 */
export function DateFacts({ c, now: given }: { c: Credential; now?: number | undefined }) {
  const clock = useNow();
  const now = given ?? clock;
  const soon = expiresSoon(c, now);
  return (
    <>
      <dt>Issued</dt>
      <dd>{formatDate(c.issuedAt)}</dd>
      <dt>Valid until</dt>
      <dd>
        {c.validUntil === 0n ? "Does not expire" : formatDate(c.validUntil)}
        {soon && <strong className="expires"> · {expiryPhrase(Number(c.validUntil), now)}</strong>}
      </dd>
      {c.credits > 0 && (
        <>
          <dt>Credits</dt>
          <dd>
            {formatCredits(c.credits)}
            {c.components.length > 0 && <span className="muted"> (not counted in totals: its components are)</span>}
          </dd>
        </>
      )}
    </>
  );
}
