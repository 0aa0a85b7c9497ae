import { useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";

import { useChainContext, withChain } from "../chain";
import { ENS_RPC_URL, looksLikeEnsName } from "../ens";
import { Notice } from "../components/Notice";
import { WayOn } from "../components/WayOn";
import { parseAddress } from "../format";
import { usePageTitle } from "../usePageTitle";

export function Home() {
  const [, navigate] = useLocation();
  const ctx = useChainContext();
  usePageTitle("Verify credentials");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (looksLikeEnsName(value)) {
      if (!ENS_RPC_URL) setError("ENS names work when a mainnet RPC is configured. Paste the 0x address instead.");
      else navigate(withChain(`/verify/${encodeURIComponent(value.trim())}`, ctx.chainId));
      return;
    }
    const parsed = parseAddress(value);
    if (parsed.error !== undefined) {
      setError(parsed.error);
      return;
    }
    navigate(withChain(`/verify/${parsed.address}`, ctx.chainId));
  }

  return (
    <section className="hero">
      {ctx.problem && (
        <Notice tone="error" title={ctx.problem}>
          <WayOn ctx={ctx} />
        </Notice>
      )}
      <h1>Verify a person's credentials</h1>
      <p className="lead">
        Paste the wallet address{ENS_RPC_URL ? " (or ENS name)" : ""} someone shared with you. You will see every
        credential it holds, who issued it, when, and whether it is valid right now. No wallet or account needed.
      </p>
      <form className="search" onSubmit={submit} noValidate>
        <label htmlFor="address">Holder address</label>
        <div className="search-row">
          <input
            id="address"
            name="address"
            placeholder={ENS_RPC_URL ? "0x… or name.eth" : "0x…"}
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(undefined);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "address-error" : undefined}
          />
          <button type="submit">Verify</button>
        </div>
        {error && (
          <p id="address-error" className="field-error">
            {error}
          </p>
        )}
      </form>
      <p className="muted">
        Handed an Open Badges file instead? <Link href="/verify-file">Check the file against the chain</Link>.
      </p>
      <p className="muted">
        Hiring? <Link href={withChain("/check", ctx.chainId)}>Check candidates against a requirement</Link>, or see your{" "}
        <Link href={withChain("/team", ctx.chainId)}>team's skills</Link>.
      </p>
      <div className="explain">
        <h2>What is checked</h2>
        <ul>
          <li>
            Each credential is a record on a public blockchain, written by a registered issuer. Nobody can edit it.
          </li>
          <li>
            Its status is computed when you look: <strong>Valid</strong>, <strong>Expired</strong> (past its date),{" "}
            <strong>Revoked</strong> (with the issuer's reason, or because the issuer's key was compromised),{" "}
            <strong>Renounced</strong> by its holder, or <strong>Moved</strong> to the holder's new address.
          </li>
          <li>
            Stacked qualifications show the credentials they were built from, and stop being valid if one is revoked.
          </li>
          <li>
            Professional-development credits are totalled for the last 12, 24 or 36 months, with the credentials behind
            the total and what expires soon; the link keeps the question.
          </li>
          <li>The answer comes straight from the chain in one call; the page says which chain, contract and block.</li>
        </ul>
      </div>
    </section>
  );
}
