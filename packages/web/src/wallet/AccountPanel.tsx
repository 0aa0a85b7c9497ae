import { useState, type FormEvent } from "react";
import { useReadContract } from "wagmi";
import { credentialRegistryAbi } from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { parseAddress, parseFormId, shortAddress } from "../format";
import { LeakedKeyActions } from "./LeakedKeyActions";
import { useIssuers } from "./useIssuers";
import type { useWrite } from "./useWrite";

const ZERO = "0x0000000000000000000000000000000000000000";

type Write = ReturnType<typeof useWrite>;

/**
 * The issuer's own account. A planned change of key (a new wallet, a Safe): the current account
 * proposes the new one, which takes over when it accepts here; nothing changes for the credentials
 * issued. A key that leaked is another matter: only the platform admin can set a key-compromise
 * watermark and replace the account (a leaked key must not be able to move the issuer), so this
 * panel writes the request for the admin.
 */
export function AccountPanel({
  ctx,
  write,
  issuerId,
  account,
}: {
  ctx: ChainContext;
  write: Write;
  issuerId: bigint;
  account: `0x${string}`;
}) {
  const profile = useReadContract({
    address: ctx.registry,
    abi: credentialRegistryAbi,
    functionName: "issuer",
    args: [issuerId],
    chainId: ctx.chainId,
  });
  const [next, setNext] = useState("");
  const [leak, setLeak] = useState({ from: "", account: "" });
  const parsed = next ? parseAddress(next) : undefined;
  const pending = profile.data?.pendingAccount;
  const hasPending = pending !== undefined && pending !== ZERO;
  const leakAccount = leak.account ? parseAddress(leak.account) : undefined;
  const leakFrom = parseFormId(leak.from)?.toString();

  async function propose(e: FormEvent) {
    e.preventDefault();
    if (!parsed?.address) return;
    const receipt = await write.send(`Propose ${shortAddress(parsed.address)} as this issuer's account`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "proposeIssuerAccount",
      args: [parsed.address],
      chainId: ctx.chainId,
    });
    if (receipt?.status === "success") setNext("");
  }

  const cancel = () =>
    write.send("Cancel the proposed account", {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "proposeIssuerAccount",
      args: [ZERO],
      chainId: ctx.chainId,
    });

  const request =
    leakFrom && leakAccount?.address && profile.data
      ? `Key compromise: OnChainCert issuer #${issuerId} (${profile.data.name}) on chain ${ctx.chainId}, registry ${ctx.registry}. ` +
        `The key of ${account} may have leaked. Please set the key-compromise watermark of issuer #${issuerId} from credential #${leakFrom} ` +
        `(setCompromiseWatermark(${issuerId}, ${leakFrom})) and replace its account with ${leakAccount.address} ` +
        `(replaceIssuerAccount(${issuerId}, ${leakAccount.address})).`
      : undefined;

  return (
    <div className="panel form account-panel">
      <h2>This issuer&apos;s account</h2>
      <p>
        <code>{account}</code> acts for this issuer.
        {hasPending && (
          <>
            {" "}
            Proposed to take over: <code>{pending}</code>. It takes over when it accepts: connect it and open this page.{" "}
            <button type="button" className="secondary" onClick={() => void cancel()}>
              Cancel the proposal
            </button>
          </>
        )}
      </p>
      <form onSubmit={(e) => void propose(e)} noValidate>
        <label htmlFor="next-account">Move to a new account (a new key, a Safe)</label>
        <input
          id="next-account"
          placeholder="0x…"
          value={next}
          aria-invalid={parsed?.error ? true : undefined}
          onChange={(e) => setNext(e.target.value)}
        />
        {parsed?.error && <p className="field-error">{parsed.error}</p>}
        <p className="muted">
          The credentials already issued keep their issuer; from the moment it accepts, only the new account acts for
          it. Use this for a planned change only.
        </p>
        <button type="submit" disabled={!parsed?.address}>
          Propose the new account
        </button>
      </form>
      {profile.data && profile.data.compromisedFrom !== 0n && (
        <LeakedKeyActions ctx={ctx} issuerId={issuerId} name={profile.data.name} />
      )}
      <details className="leak">
        <summary>If this account&apos;s key leaked</summary>
        <div className="leak-body">
          <p>
            Do not propose a new account from a leaked key: whoever holds it could do the same. Only the platform admin
            can set a key-compromise watermark (every credential of this issuer from a given id on reads Revoked, and
            the issuer is suspended) and give the issuer a new account. Send the admin this request.
          </p>
          <label htmlFor="leak-from">First credential the leaked key may have issued (its id)</label>
          <input
            id="leak-from"
            inputMode="numeric"
            value={leak.from}
            onChange={(e) => setLeak({ ...leak, from: e.target.value })}
          />
          <label htmlFor="leak-account">The new account (a key the leak cannot reach)</label>
          <input
            id="leak-account"
            placeholder="0x…"
            value={leak.account}
            aria-invalid={leakAccount?.error ? true : undefined}
            onChange={(e) => setLeak({ ...leak, account: e.target.value })}
          />
          {leakAccount?.error && <p className="field-error">{leakAccount.error}</p>}
          {request && (
            <>
              <label htmlFor="leak-request">Request for the platform admin</label>
              <textarea id="leak-request" readOnly rows={5} value={request} onFocus={(e) => e.target.select()} />
            </>
          )}
        </div>
      </details>
    </div>
  );
}

/** The connected account was proposed to act for an issuer: it takes over by accepting. */
export function AcceptAccountPanel({
  ctx,
  write,
  account,
}: {
  ctx: ChainContext;
  write: Write;
  account: `0x${string}`;
}) {
  const issuers = useIssuers(ctx);
  const offers = issuers.data?.filter((p) => p.pendingAccount.toLowerCase() === account.toLowerCase()) ?? [];
  if (offers.length === 0) return null;
  return (
    <>
      {offers.map((p) => (
        <div key={p.issuerId.toString()} className="panel accept-account">
          <h2>
            <bdi>{p.name}</bdi> proposed this account
          </h2>
          <p>
            Issuer #{p.issuerId.toString()} (now <code>{shortAddress(p.account)}</code>) proposed{" "}
            <code>{shortAddress(account)}</code> to act for it. Accept, and this account issues, revokes and manages its
            types; the old one no longer can.
          </p>
          <button
            type="button"
            onClick={() =>
              void write
                .send(`Accept the account of ${p.name}`, {
                  address: ctx.registry!,
                  abi: credentialRegistryAbi,
                  functionName: "acceptIssuerAccount",
                  args: [p.issuerId],
                  chainId: ctx.chainId,
                })
                .then(() => issuers.refetch())
            }
          >
            Accept: act for <bdi>{p.name}</bdi>
          </button>
        </div>
      ))}
    </>
  );
}
