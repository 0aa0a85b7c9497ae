import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import {
  CHALLENGE_DAYS,
  checkAddressProof,
  decodeProof,
  newChallenge,
  proofFile,
  type AddressProof,
  type Challenge,
} from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { formatDate } from "../format";
import { downloadFile } from "../wallet/bulk/download";
import { useBatchClient } from "./useBatchClient";

const STORE = "onchaincert.challenges";

/** The challenges this browser sent (the newest 100): a proof answering one of them is not a copy. */
function sentChallenges(): Challenge[] {
  try {
    const list = JSON.parse(localStorage.getItem(STORE) ?? "[]") as Challenge[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function remember(challenge: Challenge) {
  localStorage.setItem(STORE, JSON.stringify([challenge, ...sentChallenges()].slice(0, 100)));
}

/** The link a candidate opens to answer `challenge`, coming back to `back` (this page). */
export function challengeLink(challenge: Challenge, back: string): string {
  const params = new URLSearchParams({
    address: challenge.address,
    nonce: challenge.nonce,
    issued: String(challenge.issuedAt),
    chain: String(challenge.chainId),
    back,
  });
  return `${window.location.origin}/prove?${params}`;
}

/**
 * "Is this really the candidate's address?": sends a challenge link, and checks the signed answer
 * that comes back in the link (`proof=`) or as a file.
 */
export function AddressProofPanel({
  ctx,
  address,
  proofParam,
}: {
  ctx: ChainContext;
  address: Address;
  proofParam: string | null;
}) {
  const client = useBatchClient(ctx);
  const [link, setLink] = useState<string>();
  const [fileProof, setFileProof] = useState<{ proof?: AddressProof; error?: string }>();
  const proof = fileProof?.proof ?? (proofParam ? decodeProof(proofParam) : undefined);
  const check = useQuery({
    queryKey: ["address-proof", ctx.chainId, address, proof?.signature, proof?.message],
    enabled: Boolean(client && proof),
    queryFn: () =>
      checkAddressProof(client!, proof!, {
        address,
        origin: window.location.origin,
        ourNonces: sentChallenges().map((c) => c.nonce),
      }),
  });

  const send = () => {
    const challenge = newChallenge(address, ctx.chainId);
    remember(challenge);
    const here = new URLSearchParams(window.location.search);
    here.delete("proof");
    setLink(challengeLink(challenge, `/check?${here.toString()}`));
  };
  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    const p = decodeProof(await file.text());
    setFileProof(p ? { proof: p } : { error: "That file is not an address proof." });
  };

  return (
    <div className="address-proof" aria-labelledby="address-proof-title">
      <h3 id="address-proof-title">Is this really the candidate's address?</h3>
      {proofParam && !proof && !fileProof && <p className="field-error">The link's proof could not be read.</p>}
      {check.data?.ok === true && (
        <div className="notice notice-ok" role="status">
          <p className="notice-title">
            Address control proven at {formatDate(check.data.signedAt)},{" "}
            {new Date(check.data.signedAt * 1000).toISOString().slice(11, 16)} UTC
          </p>
          <p>
            Whoever controls {address} signed this site's challenge with it.
            {check.data.ourChallenge
              ? " The challenge came from this browser."
              : " The challenge did not come from this browser: this proof may have been made for someone else. Send your own challenge to be sure."}
          </p>
          <button
            type="button"
            className="secondary"
            onClick={() => downloadFile(`address-proof-${address}.json`, proofFile(proof!), "application/json")}
          >
            Download the signed message
          </button>
        </div>
      )}
      {check.data?.ok === false && (
        <p className="notice notice-error" role="alert">
          Not proven: {check.data.problem}
        </p>
      )}
      {fileProof?.error && <p className="field-error">{fileProof.error}</p>}
      {!(check.data?.ok === true && check.data.ourChallenge) && (
        <>
          <p className="hint">
            Anyone can paste someone else's address. Send the candidate a link: they sign a message with their wallet
            (no transaction, no cost) and send back the link it gives them, or its file. The link works for{" "}
            {CHALLENGE_DAYS} days.
          </p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={send}>
              Make a challenge link
            </button>
          </div>
          <div className="form">
            <label htmlFor="proof-file">Or load the proof file the candidate sent</label>
            <input
              id="proof-file"
              type="file"
              accept=".json,application/json"
              onChange={(e) => void loadFile(e.target.files?.[0])}
            />
          </div>
          {link && (
            <div className="copy-row">
              <label htmlFor="challenge-link" className="sr-only">
                Challenge link
              </label>
              <input id="challenge-link" readOnly value={link} onFocus={(e) => e.target.select()} />
              <button type="button" onClick={() => void navigator.clipboard?.writeText(link)}>
                Copy
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
