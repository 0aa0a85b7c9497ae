import { Link } from "wouter";
import {
  formatCredits,
  isoDate,
  typeLabel,
  type Credential,
  type RequirementCheck,
  type RequirementNames,
  type TypeOutcome,
} from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { formatDate } from "../format";
import { IssuerMarks } from "../issuer/TrustWarnings";

/** One candidate's result: pass or fail, which credential met each part, and what is missing. */
export function CandidateReport({
  ctx,
  check,
  names,
  blockNumber,
}: {
  ctx: ChainContext;
  check: RequirementCheck;
  names: RequirementNames | undefined;
  blockNumber: bigint;
}) {
  const credentialLink = (c: Credential) => (
    <Link href={withChain(`/credential/${c.tokenId}`, ctx.chainId)}>credential #{c.tokenId.toString()}</Link>
  );
  const row = (part: string, o: TypeOutcome) => (
    <tr key={`${part}-${o.typeId}`} className={o.by ? "part-met" : "part-missing"}>
      <td>{part}</td>
      <td>
        <bdi>{typeLabel(o.typeId, names)}</bdi>
      </td>
      <td>
        {o.by ? (
          <>
            <span aria-hidden="true">✓ </span>Met by {credentialLink(o.by)}
            {o.by.validUntil === 0n ? ", does not expire" : `, valid until ${formatDate(o.by.validUntil)}`}
            {o.by.issuerName && (
              <>
                {" "}
                · from <bdi>{o.by.issuerName}</bdi>
              </>
            )}
            <IssuerMarks ctx={ctx} c={o.by} />
          </>
        ) : (
          <>
            <span aria-hidden="true">✗ </span>
            {o.why!.charAt(0).toUpperCase() + o.why!.slice(1)}
            {o.about && <> ({credentialLink(o.about)})</>}
          </>
        )}
      </td>
    </tr>
  );
  return (
    <div className={`check-result ${check.pass ? "check-pass" : "check-fail"}`}>
      <p className="check-verdict" role="status">
        <span className={`badge ${check.pass ? "badge-valid" : "badge-revoked"}`}>{check.pass ? "Pass" : "Fail"}</span>{" "}
        {check.past
          ? `${check.pass ? "Met" : "Did not meet"} the requirement on ${isoDate(check.at)}, a past date: this is not a check of today`
          : check.pass
            ? "Meets the requirement"
            : "Does not meet the requirement"}
      </p>
      <p className="muted">
        Read from the chain at block {blockNumber.toString()}; checked for {isoDate(check.at)}{" "}
        {new Date(check.at * 1000).toISOString().slice(11, 19)} UTC.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Each part of the requirement">
        <table className="table check-table">
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Credential type</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {check.allOf.map((o) => row("All of", o))}
            {check.anyOf?.outcomes.map((o) => row(`Any ${check.anyOf!.count} (${check.anyOf!.met} met)`, o))}
            {check.credits && (
              <tr className={check.credits.pass ? "part-met" : "part-missing"}>
                <td>Credits</td>
                <td>
                  At least {formatCredits(check.credits.minimum)}
                  {check.credits.since ? ` since ${isoDate(check.credits.since)}` : ""}
                </td>
                <td>
                  <span aria-hidden="true">{check.credits.pass ? "✓ " : "✗ "}</span>
                  {formatCredits(check.credits.total)} earned
                  {check.credits.counted.length > 0 && (
                    <>
                      {" "}
                      from{" "}
                      {check.credits.counted.map((c, i) => (
                        <span key={c.tokenId.toString()}>
                          {i > 0 && ", "}
                          {credentialLink(c)}
                        </span>
                      ))}
                    </>
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {check.warnings.map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}
    </div>
  );
}
