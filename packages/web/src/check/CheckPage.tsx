import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useQuery } from "@tanstack/react-query";
import {
  checkCandidates,
  describeRequirement,
  emptyRequirement,
  parseAddress,
  parseRequirement,
  parseRequirementJson,
  requirementJson,
  requirementParam,
  requirementProblem,
  type LookAlikes,
  type Requirement,
  type RequirementNames,
} from "@onchaincert/sdk";

import { useChainContext, withChain, type ChainContext } from "../chain";
import { Notice } from "../components/Notice";
import { ChainProblem } from "../components/WayOn";
import { readProblem } from "../format";
import { usePageTitle } from "../usePageTitle";
import { downloadFile } from "../wallet/bulk/download";
import { useCredentialTypes } from "../wallet/useCredentialTypes";
import { useIssuers } from "../wallet/useIssuers";
import { AddressProofPanel } from "./AddressProof";
import { CandidateList } from "./CandidateList";
import { CandidateReport } from "./CandidateReport";
import { useIssuerLookAlikes } from "../issuer/useIssuer";
import { LookAlikeWarnings } from "./LookAlikeWarnings";
import { RequirementForm } from "./RequirementForm";
import { useBatchClient } from "./useBatchClient";

const NO_LOOK_ALIKES: LookAlikes = new Map();

/**
 * `/check?req=…&address=…`: an employer's requirement, built with pickers and kept in the link (so
 * it can be bookmarked or sent, or saved as the CLI's JSON file), checked for one candidate or for
 * a list. Validity always comes from the chain, read at one block.
 */
export function CheckPage() {
  const ctx = useChainContext();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const rawReq = search.get("req");
  const [initial] = useState(() => (rawReq ? parseRequirement(rawReq) : { requirement: emptyRequirement() }));
  const [req, setReq] = useState<Requirement>(initial.requirement ?? emptyRequirement());
  const [linkError, setLinkError] = useState(initial.error);
  const [fileError, setFileError] = useState<string>();
  const address = search.get("address") ?? "";
  const types = useCredentialTypes(ctx);
  const issuers = useIssuers(ctx);
  const lookAlikes = useIssuerLookAlikes(ctx, issuers.data);
  // Checks wait for the comparison of issuer names, so no result shows before its warnings; if the
  // issuers cannot be read or compared, the page says so and checks go on without it.
  const comparedIssuers: LookAlikes | undefined =
    lookAlikes.data ?? (lookAlikes.isError || issuers.isError ? NO_LOOK_ALIKES : undefined);
  usePageTitle(req.name ? `Check: ${req.name}` : "Check candidates");

  const problem = requirementProblem(req);
  // The link follows the requirement (replacing the entry, so Back leaves the page).
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const parts: string[] = [];
    if (!problem) parts.push(`req=${requirementParam(req)}`);
    else if (linkError && rawReq) parts.push(`req=${encodeURIComponent(rawReq)}`);
    for (const key of ["address", "chain", "proof"]) {
      const v = params.get(key);
      if (v) parts.push(`${key}=${encodeURIComponent(v)}`);
    }
    const next = `/check${parts.length ? `?${parts.join("&")}` : ""}`;
    if (next !== `${window.location.pathname}${window.location.search}`) navigate(next, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the requirement moves the link
  }, [req]);

  const names: RequirementNames | undefined = useMemo(() => {
    if (!types.data || !issuers.data) return undefined;
    const issuerNames = new Map(issuers.data.map((p) => [p.issuerId, p.name]));
    return {
      issuers: issuerNames,
      types: new Map(
        types.data.map((t) => [
          t.typeId,
          { name: t.name, issuer: issuerNames.get(t.ownerIssuerId) ?? "", credits: t.credits, exists: true },
        ]),
      ),
    };
  }, [types.data, issuers.data]);

  if (ctx.problem) return <ChainProblem ctx={ctx} />;
  const change = (next: Requirement) => {
    setLinkError(undefined);
    setReq(next);
  };
  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseRequirementJson(await file.text());
    setFileError(parsed.error);
    if (parsed.requirement) change(parsed.requirement);
  };

  return (
    <section className="check-page">
      <p className="eyebrow">For employers</p>
      <h1 className="page-title">Check candidates against a requirement</h1>
      <p className="lead">
        Describe what a role needs, then check one candidate or a whole list. Every answer is read from the chain; the
        link holds the requirement, so it can be bookmarked or sent. For the people you employ, see{" "}
        <Link href={withChain("/team", ctx.chainId)}>team skills</Link>.
      </p>
      {linkError && (
        <Notice tone="error" title="The link's requirement could not be read.">
          {linkError} Build it again below.
        </Notice>
      )}
      {(types.error || issuers.error) && (
        <Notice tone="error" title="The credential types could not be read.">
          {readProblem(types.error ?? issuers.error, ctx.rpc)}
        </Notice>
      )}
      <div className="check-layout">
        <div className="panel">
          <h2>Requirement</h2>
          <RequirementForm
            value={req}
            onChange={change}
            types={types.data}
            issuers={issuers.data}
            lookAlikes={lookAlikes.data}
          />
        </div>
        <div className="panel requirement-words">
          <h2>{req.name || "In plain words"}</h2>
          <p aria-live="polite" data-testid="requirement-words">
            {problem ?? describeRequirement(req, names)}
          </p>
          <LookAlikeWarnings
            ctx={ctx}
            req={req}
            types={types.data}
            issuers={issuers.data}
            lookAlikes={lookAlikes.data}
          />
          {lookAlikes.isError && (
            <p className="warning">
              Issuer names could not be compared for look-alikes ({String(lookAlikes.error)}): check each issuer&apos;s
              address yourself.
            </p>
          )}
          <div className="button-row">
            <button
              type="button"
              className="secondary"
              disabled={Boolean(problem)}
              onClick={() => {
                // The requirement (and candidate), never a proof: a proof is for the verifier who asked.
                const url = new URL(window.location.href);
                url.searchParams.delete("proof");
                void navigator.clipboard?.writeText(`${url.origin}${url.pathname}?${url.searchParams}`);
              }}
            >
              Copy link
            </button>
            <button
              type="button"
              className="secondary"
              disabled={Boolean(problem)}
              onClick={() => downloadFile("requirement.json", requirementJson(req), "application/json")}
            >
              Download for the CLI (JSON)
            </button>
          </div>
          <label htmlFor="req-file">Load a requirement file</label>
          <input
            id="req-file"
            type="file"
            accept=".json,application/json"
            onChange={(e) => void loadFile(e.target.files?.[0])}
          />
          {fileError && <p className="field-error">{fileError}</p>}
        </div>
      </div>
      <OneCandidate
        ctx={ctx}
        lookAlikes={comparedIssuers}
        req={problem ? undefined : req}
        names={names}
        address={address}
        proof={search.get("proof")}
      />
      {!problem && <CandidateList ctx={ctx} req={req} names={names} lookAlikes={comparedIssuers} />}
    </section>
  );
}

function OneCandidate({
  ctx,
  lookAlikes,
  req,
  names,
  address,
  proof,
}: {
  ctx: ChainContext;
  /** Undefined until every issuer's name was compared: no result shows before its warnings. */
  lookAlikes: LookAlikes | undefined;
  /** Undefined while the requirement is incomplete: the address can still be proven. */
  req: Requirement | undefined;
  names: RequirementNames | undefined;
  address: string;
  proof: string | null;
}) {
  const [, navigate] = useLocation();
  const [input, setInput] = useState(address);
  const parsed = address ? parseAddress(address) : undefined;
  const client = useBatchClient(ctx);
  const result = useQuery({
    queryKey: ["check-one", ctx.chainId, ctx.lens, parsed?.address, req && requirementParam(req), lookAlikes?.size],
    enabled: Boolean(client && ctx.lens && parsed?.address && req && lookAlikes),
    queryFn: async () => {
      const { results, blockNumber } = await checkCandidates(
        client!,
        ctx.lens!,
        req!,
        [{ row: 1, input: parsed!.address!, address: parsed!.address! }],
        { lookAlikes },
      );
      if (results[0]!.error) throw new Error(results[0]!.error);
      return { check: results[0]!.check!, blockNumber };
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams(window.location.search);
    params.set("address", input.trim());
    navigate(`/check?${params.toString().replace(/%3A/g, ":").replace(/%3B/g, ";").replace(/%2C/g, ",")}`, {
      replace: true,
    });
  };
  return (
    <div className="panel panel-wide">
      <h2>One candidate</h2>
      <form className="search-row" onSubmit={submit}>
        <label htmlFor="check-address" className="sr-only">
          Candidate's address
        </label>
        <input
          id="check-address"
          placeholder="0x… the candidate's address"
          value={input}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit">Check</button>
      </form>
      {parsed?.error && <p className="field-error">{parsed.error}</p>}
      {result.error && (
        <Notice tone="error" title="The candidate's credentials could not be read.">
          {readProblem(result.error, ctx.rpc)}
        </Notice>
      )}
      {parsed?.address && !req && <p className="hint">Build a requirement above to check this candidate against it.</p>}
      {parsed?.address && req && !result.data && !result.error && <p className="loading">Reading the chain…</p>}
      {result.data && (
        <CandidateReport ctx={ctx} check={result.data.check} names={names} blockNumber={result.data.blockNumber} />
      )}
      {parsed?.address && <AddressProofPanel ctx={ctx} address={parsed.address} proofParam={proof} />}
    </div>
  );
}
