import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import {
  CHALLENGE_DAYS,
  checkAddressProof,
  decodeProof,
  encodeProof,
  newChallenge,
  proofFile,
  type AddressProof,
  type Challenge,
} from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { formatDate } from "../format";
import { CopyField } from "../components/CopyField";
import { downloadFile } from "../wallet/bulk/download";
import { useBatchClient } from "./useBatchClient";

const STORE = "onchaincert.challenges";

/** A challenge this browser sent, with the page it was sent from (its requirement and chain). */
type Sent = Challenge & { back: string };

/** The challenges this browser sent (the newest 100): a proof answering one of them is not a copy. */
function sentChallenges(): Sent[] {
  try {
    const list = JSON.parse(localStorage.getItem(STORE) ?? "[]") as Sent[];
    return Array.isArray(list)
      ? list.filter((c) => c && typeof c.nonce === "string" && typeof c.back === "string")
      : [];
  } catch {
    return [];
  }
}

function remember(challenge: Sent) {
  localStorage.setItem(STORE, JSON.stringify([challenge, ...sentChallenges()].slice(0, 100)));
}

/** What a /check page asks (requirement, chain, address), to compare the page sent with the page an answer came back to. */
function question(search: string): string {
  const params = new URLSearchParams(search);
  return JSON.stringify(["req", "chain", "address"].map((k) => params.get(k) ?? ""));
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
        chainId: ctx.chainId,
        ours: sentChallenges(),
      }),
  });
  const result = check.data;
  const sent = result?.ok ? sentChallenges().find((c) => c.nonce === result.ours?.nonce) : undefined;
  // The answer came back to a page that asks something else than the page the challenge was sent
  // from (the candidate can edit the link they return): say so, and link the page as sent.
  const moved = sent && question(sent.back.slice(sent.back.indexOf("?"))) !== question(window.location.search);

  const send = () => {
    const challenge = newChallenge(address, ctx.chainId);
    const here = new URLSearchParams(window.location.search);
    here.delete("proof");
    const back = `/check?${here.toString()}`;
    remember({ ...challenge, back });
    setLink(challengeLink(challenge, back));
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
      {result?.ok === true && result.ours && !moved && (
        <div className="notice notice-ok" role="status">
          <p className="notice-title">
            Address control proven at {formatDate(result.signedAt)},{" "}
            {new Date(result.signedAt * 1000).toISOString().slice(11, 16)} UTC
          </p>
          <p>Whoever controls {address} signed the challenge this browser sent, for this site.</p>
          <button
            type="button"
            className="secondary"
            onClick={() => downloadFile(`address-proof-${address}.json`, proofFile(proof!), "application/json")}
          >
            Download the signed message
          </button>
        </div>
      )}
      {result?.ok === true && result.ours && moved && (
        <p className="notice notice-error" role="alert">
          Not proven here: this answer came back to a page that asks something else than the page you sent the challenge
          from (its requirement, chain or address was changed).{" "}
          <a href={`${sent!.back}&proof=${encodeProof(proof!)}`}>Open the page as you sent it</a>.
        </p>
      )}
      {result?.ok === true && !result.ours && (
        <p className="notice notice-info" role="status">
          Not proven to you: {address} signed this message at {formatDate(result.signedAt)}, but not in answer to a
          challenge from this browser, so it may be a copy of a proof made for someone else. Send your own challenge.
        </p>
      )}
      {result?.ok === false && (
        <p className="notice notice-error" role="alert">
          Not proven: {result.problem}
        </p>
      )}
      {check.error && (
        <p className="notice notice-error" role="alert">
          The proof could not be checked: {check.error instanceof Error ? check.error.message : String(check.error)}
        </p>
      )}
      {fileProof?.error && <p className="field-error">{fileProof.error}</p>}
      {!(result?.ok === true && result.ours && !moved) && (
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
          {link && <CopyField id="challenge-link" label="Challenge link" value={link} />}
        </>
      )}
    </div>
  );
}
