import { useState, type DragEvent } from "react";
import { Link } from "wouter";
import { useConfig } from "wagmi";
import { getAddress } from "viem";
import {
  CredentialStatus,
  IssuerStatus,
  RevocationReason,
  compareOpenBadge,
  statusLabel,
  readOpenBadge,
  readOpenBadgeFile,
  type Credential,
  type FieldCheck,
  type OpenBadgeCredential,
  type OpenBadgeFileTarget,
} from "@onchaincert/sdk";

import { chainContext, withChain, type ChainContext } from "../chain";
import { TrustWarnings } from "../issuer/TrustWarnings";
import { readProblem } from "../format";
import { readClientOf } from "../readClient";
import { usePageTitle } from "../usePageTitle";

/** The statuses an export writes (it refuses the others). */
const STATUSES = new Set([CredentialStatus.Valid, CredentialStatus.Expired, CredentialStatus.Revoked].map(statusLabel));

/** No export comes near this; a larger file is refused before it is parsed. */
const MAX_FILE_BYTES = 1_000_000;

type Outcome =
  | { problem: string; target?: OpenBadgeFileTarget }
  | {
      target: OpenBadgeFileTarget;
      ctx: ChainContext;
      live: OpenBadgeCredential;
      record: Credential;
      fields: FieldCheck[];
      statusInFile: string;
    };

/**
 * `/verify-file`: an Open Badges 3.0 file someone was handed (dropped, chosen or pasted), read
 * again from the chain it names and compared field by field, with the credential's live status.
 */
export function VerifyFilePage() {
  usePageTitle("Check an Open Badge file");
  const config = useConfig();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const check = async (input: string) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await checkFile(input));
    } catch (error) {
      setOutcome({ problem: readProblem(error, undefined) });
    } finally {
      setBusy(false);
    }
  };

  const checkFile = async (input: string): Promise<Outcome> => {
    if (new Blob([input]).size > MAX_FILE_BYTES) {
      return { problem: "This is larger than any Open Badges export (1 MB at most): it is not one." };
    }
    const file = readOpenBadgeFile(input);
    if (file.problem !== undefined) return { problem: file.problem };
    const { target } = file;
    const ctx = chainContext(String(target.chainId));
    if (!ctx.chain)
      return { target, problem: `The file is for chain ${target.chainId}, which this app does not know.` };
    const chain = ctx.chain;
    if (!ctx.registry || !ctx.lens) {
      return {
        target,
        problem: `The file is for ${chain.name} (chain ${target.chainId}), where this app knows no OnChainCert registry.`,
      };
    }
    const deployment = { registry: ctx.registry, lens: ctx.lens };
    if (getAddress(deployment.registry) !== getAddress(target.registry)) {
      return {
        target,
        problem: `The file names registry ${target.registry} on ${chain.name}, but OnChainCert's registry there is ${deployment.registry}: it is not a credential of this registry, and this app cannot check it.`,
      };
    }
    const client = readClientOf(config, target.chainId);
    if (!client) return { target, problem: `This app has no RPC for ${chain.name}.` };
    // The links the chain's copy would carry from this dApp: a file whose links point elsewhere
    // (a look-alike site) differs in every id, and says where they point.
    const live = await readOpenBadge(client, deployment, target.chainId, target.tokenId, window.location.origin);
    if (live.problem !== undefined) return { target, problem: `On the chain: ${live.problem}` };
    const fields = compareOpenBadge(file.badge, live.credential);
    if (target.app !== window.location.origin) {
      fields.unshift({
        field: "links",
        inFile: target.app ?? "not to a credential page",
        onChain: window.location.origin,
        matches: false,
      });
    }
    const status = (file.badge.credentialStatus as { statusAtExport?: unknown }).statusAtExport;
    return {
      target,
      ctx,
      live: live.credential,
      record: live.record,
      fields,
      // Only a status the export writes: the file's own words do not reach the verdict.
      statusInFile: typeof status === "string" && STATUSES.has(status) ? status : "no known status",
    };
  };

  const load = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      setOutcome({ problem: `${f.name} is larger than any Open Badges export (1 MB at most): it is not one.` });
      return;
    }
    const content = await f.text();
    setText(content);
    await check(content);
  };
  const drop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    void load(e.dataTransfer.files[0]);
  };

  return (
    <section className="verify-file">
      <h1 className="page-title">Check an Open Badge file</h1>
      <p>
        A credential exported from OnChainCert (Open Badges 3.0) is a copy: the chain holds the record. Give the file
        here and this page reads the credential again from the chain the file names, compares every field, and shows its
        status now. Nothing is uploaded: the file stays in your browser.
      </p>
      <label className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <span>Drop the file here, or choose it:</span>{" "}
        <input
          type="file"
          accept=".json,application/json,application/ld+json"
          onChange={(e) => void load(e.currentTarget.files?.[0])}
        />
      </label>
      <label className="paste">
        Or paste the file's JSON
        <textarea value={text} onChange={(e) => setText(e.currentTarget.value)} rows={8} spellCheck={false} />
      </label>
      <button type="button" disabled={busy || text.trim() === ""} onClick={() => void check(text)}>
        {busy ? "Reading the chain…" : "Check the file"}
      </button>
      {outcome && <OutcomeView outcome={outcome} />}
    </section>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if ("problem" in outcome) {
    return (
      <div className="file-result file-result-bad" role="alert">
        <p className="file-verdict">✗ {outcome.problem}</p>
      </div>
    );
  }
  const { target, ctx, live, record, fields, statusInFile } = outcome;
  const wrong = fields.filter((f) => !f.matches);
  const status = live.credentialStatus;
  const valid = status.statusAtExport === "Valid";
  const doubtful =
    record.issuerStatus === IssuerStatus.Suspended ||
    record.revocationReason === RevocationReason.KeyCompromised ||
    record.delegateIssuerId > 0n;
  const chain = ctx.chain
    ? `${ctx.chain.name} (chain ${target.chainId}${target.chainId === 31337 ? ", a local development chain" : ctx.chain.testnet ? ", a test network" : ""})`
    : `chain ${target.chainId}`;
  const good = wrong.length === 0 && valid && !doubtful;
  return (
    <div className={`file-result ${good ? "file-result-good" : "file-result-bad"}`} role="status">
      <p className="file-verdict">
        {wrong.length > 0
          ? `✗ The file does not match the chain: ${wrong.map((f) => f.field).join(", ")}.`
          : !valid
            ? `✗ The file is a true copy, but the credential is ${status.statusAtExport.toLowerCase()} now: it proves nothing today.`
            : doubtful
              ? "✓ The file matches the chain, but read the warnings below before you rely on it."
              : "✓ The file matches the chain."}
      </p>
      <p>
        On {chain}, registry <code>{target.registry}</code>, now: <strong>{status.statusAtExport}</strong> (block{" "}
        {status.readAtBlock}); the file says {statusInFile} when it was made.{" "}
        <Link href={withChain(`/credential/${target.tokenId}`, target.chainId)}>
          Open credential #{target.tokenId.toString()}
        </Link>
      </p>
      <TrustWarnings ctx={ctx} c={record} />
      <table className="file-fields">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">In the file</th>
            <th scope="col">On the chain</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field} className={f.matches ? "field-ok" : "field-bad"}>
              <th scope="row">{f.field}</th>
              <td>
                <bdi>{f.inFile}</bdi>
              </td>
              <td>
                <bdi>{f.onChain}</bdi>
              </td>
              <td>{f.matches ? "✓ matches" : `does not match the chain: ${f.field}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
