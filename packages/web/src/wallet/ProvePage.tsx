import { useState } from "react";
import { useSearch } from "wouter";
import { useAccount, useSignMessage } from "wagmi";
import {
  CHALLENGE_DAYS,
  describeError,
  encodeProof,
  isRejection,
  parseAddress,
  proofFile,
  proofMessage,
  type AddressProof,
  type Challenge,
} from "@onchaincert/sdk";

import { CopyField } from "../components/CopyField";
import { Notice } from "../components/Notice";
import { usePageTitle } from "../usePageTitle";
import { downloadFile } from "./bulk/download";

/** The challenge a verifier's link carries, or a sentence saying what is wrong with it. */
function challengeOf(params: URLSearchParams): { challenge: Challenge; back: string } | { error: string } {
  const address = parseAddress(params.get("address") ?? "");
  const nonce = params.get("nonce") ?? "";
  const issued = Number(params.get("issued"));
  const chainId = Number(params.get("chain"));
  const back = params.get("back") ?? "";
  if (!address.address) return { error: "The link does not name an address." };
  if (!/^[A-Za-z0-9]{8,96}$/.test(nonce) || !Number.isSafeInteger(issued) || !Number.isSafeInteger(chainId)) {
    return { error: "The link is incomplete: ask the verifier for a new one." };
  }
  // Only back to this site's /check page, never elsewhere.
  if (!back.startsWith("/check?") && back !== "/check")
    return { error: "The link does not say where to send the proof." };
  const now = Math.floor(Date.now() / 1000);
  if (issued > now + 300)
    return { error: "The link's challenge is dated in the future: ask the verifier for a new one." };
  if (issued + CHALLENGE_DAYS * 86_400 <= now) {
    return { error: `The challenge is more than ${CHALLENGE_DAYS} days old: ask the verifier for a new one.` };
  }
  return { challenge: { address: address.address, nonce, issuedAt: issued, chainId }, back };
}

/**
 * `/prove?address=…&nonce=…`: a candidate answers a verifier's challenge by signing a Sign-In with
 * Ethereum message with the wallet that holds the address (no transaction, no cost), then sends
 * back the link (or the file) it gives them.
 */
export function ProvePage() {
  usePageTitle("Prove your address");
  const parsed = challengeOf(new URLSearchParams(useSearch()));
  const { address: account, isConnected } = useAccount();
  const { signMessageAsync, isPending } = useSignMessage();
  const [proof, setProof] = useState<AddressProof>();
  const [error, setError] = useState<string>();

  if ("error" in parsed) return <Notice page tone="error" title={parsed.error} />;
  const { challenge, back } = parsed;
  const mismatch = isConnected && account && account.toLowerCase() !== challenge.address.toLowerCase();
  const returnLink = proof
    ? `${window.location.origin}${back}${back.includes("?") ? "&" : "?"}proof=${encodeProof(proof)}`
    : undefined;

  const sign = async () => {
    setError(undefined);
    const message = proofMessage(challenge, window.location.origin);
    try {
      const signature = await signMessageAsync({ message, account: challenge.address });
      setProof({ message, signature });
    } catch (e) {
      setError(isRejection(e) ? "You declined to sign: nothing was sent." : describeError(e));
    }
  };

  return (
    <section className="panel prove-page">
      <h1 className="page-title">Prove this address is yours</h1>
      <p>
        A verifier asks you to show that you control <code>{challenge.address}</code>, the address whose credentials
        they are checking. Sign a message with that wallet: it sends no transaction, costs nothing and allows nothing
        else.
      </p>
      {!isConnected && <p className="hint">Connect the wallet that holds this address with the button above.</p>}
      {mismatch && (
        <p className="notice notice-error" role="alert">
          Your wallet is on {account}, but the verifier asks about {challenge.address}. Switch to that account in your
          wallet.
        </p>
      )}
      {!proof && (
        <button type="button" disabled={!isConnected || Boolean(mismatch) || isPending} onClick={() => void sign()}>
          {isPending ? "Waiting for your wallet…" : "Sign to prove it"}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {proof && returnLink && (
        <div className="notice notice-ok" role="status">
          <p className="notice-title">Signed. Send this link back to the verifier:</p>
          <CopyField id="proof-link" label="Proof link" value={returnLink} />
          <button
            type="button"
            className="secondary"
            onClick={() => downloadFile("address-proof.json", proofFile(proof), "application/json")}
          >
            Or download it as a file
          </button>
        </div>
      )}
    </section>
  );
}
