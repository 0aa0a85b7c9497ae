import { Link } from "wouter";
import {
  CREDIT_PERIODS,
  countCredits,
  formatCredits,
  periodStart,
  statusLabel,
  type Credential,
  type CreditPeriod,
} from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { IssuerMarks } from "../issuer/TrustWarnings";
import { formatDate } from "../format";

export interface CreditQuestion {
  period: CreditPeriod;
  validOnly: boolean;
}

/**
 * A holder's professional-development credit total for a period a verifier picks (the question
 * travels in the page's link), and the credentials that make it up. The rule is the SDK's
 * countCredits, the same as the lens's creditsOf.
 */
export function CreditsPanel({
  credentials,
  now,
  question,
  onChange,
  link,
  ctx,
}: {
  credentials: readonly Credential[];
  /** Unix seconds the period ends at: the block the list was read at. */
  now: number;
  question: CreditQuestion;
  onChange: (q: CreditQuestion) => void;
  /** This page's link with the question in it. */
  link: string;
  ctx: ChainContext;
}) {
  const { chainId } = ctx;
  const since = periodStart(question.period, now);
  const { total, counted } = countCredits(credentials, { since, validOnly: question.validOnly });
  const label = CREDIT_PERIODS.find((p) => p.key === question.period)!.label;
  return (
    <section className="panel panel-wide credits" aria-labelledby="credits-title">
      <h2 id="credits-title">Professional-development credits</h2>
      <div className="credit-controls">
        <fieldset className="segmented">
          <legend className="sr-only">Period</legend>
          {CREDIT_PERIODS.map((p) => (
            <label key={p.key} className={p.key === question.period ? "selected" : undefined}>
              <input
                type="radio"
                name="credit-period"
                value={p.key}
                checked={p.key === question.period}
                onChange={() => onChange({ ...question, period: p.key })}
              />
              {p.key === "all" ? "All time" : `${p.key.slice(0, -1)} months`}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={question.validOnly}
            onChange={(e) => onChange({ ...question, validOnly: e.currentTarget.checked })}
          />
          Only credentials valid today
        </label>
      </div>
      <p className="credit-total" aria-live="polite">
        <strong>{formatCredits(total)}</strong> credits{" "}
        <span className="muted">
          {since === 0 ? "earned at any time" : `earned since ${formatDate(since)} (${label.toLowerCase()})`}, from{" "}
          {counted.length} credential{counted.length === 1 ? "" : "s"}
        </span>
      </p>
      {counted.length > 0 && (
        <table className="table">
          <caption className="sr-only">Credentials counted</caption>
          <thead>
            <tr>
              <th scope="col">Credential</th>
              <th scope="col" className="wide-only">
                Issuer
              </th>
              <th scope="col">Earned</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Credits
              </th>
            </tr>
          </thead>
          <tbody>
            {counted.map((c) => (
              <tr key={c.tokenId.toString()}>
                <td>
                  <Link href={withChain(`/credential/${c.tokenId}`, chainId)}>{c.typeName}</Link>{" "}
                  <span className="muted">#{c.tokenId.toString()}</span>
                </td>
                <td className="wide-only">{c.issuerName}</td>
                <td>{formatDate(c.issuedAt)}</td>
                <td>
                  {statusLabel(c.status)}
                  <IssuerMarks ctx={ctx} c={c} />
                </td>
                <td className="num">{formatCredits(c.credits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">
        Counted as continuing-education boards count: credentials earned in the period that were not revoked or
        renounced; an expired one keeps its credits unless you ask for valid ones only. A stacked qualification counts
        through its components. Anyone can check the figure on-chain with the lens's <code>creditsOf</code>.
      </p>
      <div className="copy-row">
        <input readOnly value={link} aria-label="Link to this check" onFocus={(e) => e.currentTarget.select()} />
      </div>
    </section>
  );
}
