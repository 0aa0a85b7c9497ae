import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useLocation, useSearch } from "wouter";
import { useBlock, useBlockNumber } from "wagmi";
import { CredentialStatus, carriesCredits, ensNameWarning, parseCreditPeriod } from "@onchaincert/sdk";

import { useChainContext, withChain } from "../chain";
import { CredentialCard } from "../components/CredentialCard";
import { CreditsPanel, type CreditQuestion } from "../components/CreditsPanel";
import { ExpiringSoon } from "../components/ExpiringSoon";
import { Loading, Notice } from "../components/Notice";
import { PagedCards } from "../components/Paged";
import { Portfolio } from "../components/Portfolio";
import { SourceLine } from "../components/SourceLine";
import { AddressProblem, ChainProblem, WayOn } from "../components/WayOn";
import { looksLikeEnsName, resolveEnsName } from "../ens";
import { formatCount, parseAddress, readProblem, shortAddress } from "../format";
import { useHolderCredentials } from "../useHolderCredentials";
import { usePageVisible } from "../usePageVisible";
import { usePageTitle } from "../usePageTitle";

/** `/verify/<address>`, or `/verify/<name.eth>` resolved on mainnet first. */
export function VerifyAddress({ address }: { address: string }) {
  const isName = looksLikeEnsName(address);
  usePageTitle(
    `Credentials of ${parseAddress(address).address ? shortAddress(address) : Array.from(address).slice(0, 24).join("")}`,
  );
  const ens = useQuery({
    queryKey: ["ens", address],
    enabled: isName,
    queryFn: () => resolveEnsName(address),
    staleTime: 5 * 60_000,
  });
  if (!isName) return <HolderCredentials address={address} />;
  if (!ens.data) return <p className="loading">Looking up {address} on Ethereum…</p>;
  if (ens.data.address === undefined) return <Notice page tone="error" title={ens.data.error} />;
  return <HolderCredentials address={ens.data.address} ens={ens.data} />;
}

function HolderCredentials({
  address,
  ens,
}: {
  address: string;
  ens?: { name: string; primary: string | null | undefined };
}) {
  const ctx = useChainContext();
  const parsed = parseAddress(address);
  const holder = parsed.address;
  const ready = Boolean(holder && ctx.lens && !ctx.problem);

  // Read at one block so the list and the "read at block" line agree; read again at every new
  // block, so a revocation shows on an open page without a reload.
  const visible = usePageVisible();
  const block = useBlockNumber({ chainId: ctx.chainId, watch: ready && visible, query: { enabled: ready } });
  const list = useHolderCredentials(ctx, holder, { block: block.data, atBlock: true, enabled: ready });
  // Periods and "expires in" count from that block's time, as the statuses do.
  const blockTime = useBlock({
    chainId: ctx.chainId,
    blockNumber: block.data,
    query: { enabled: block.data !== undefined, placeholderData: keepPreviousData },
  });
  const [location, navigate] = useLocation();
  const search = useSearch();
  const question = creditQuestion(search);
  const portfolio = new URLSearchParams(search).get("view") === "portfolio";

  if (parsed.error !== undefined) return <AddressProblem ctx={ctx} input={address} problem={parsed.error} />;
  if (ctx.problem) return <ChainProblem ctx={ctx} />;

  // A failed re-read keeps the list on screen (with a note); an error shows alone only when
  // there is nothing to show.
  const failure = block.error ?? list.error;
  const error = list.data === undefined ? failure : undefined;
  // Until the whole list has come (thousands of credentials take many calls), the pages so far.
  const credentials = list.data ?? list.partial ?? [];
  const reading = list.data === undefined;
  const valid = credentials.filter((c) => c.status === CredentialStatus.Valid).length;
  const now = blockTime.data ? Number(blockTime.data.timestamp) : undefined;
  const ensWarning = ens && ensNameWarning(ens.name, ens.primary);

  return (
    <section>
      <h1 className="page-title">Credentials of</h1>
      <p className="holder">
        {ens && <strong className="ens-name">{ens.name} → </strong>}
        <code>{holder}</code>
      </p>
      {ensWarning && (
        <p className="warning ens-not-primary">
          <bdi>{ensWarning}</bdi> The link below asks them.
        </p>
      )}
      <p className="hint check-link">
        <Link href={withChain(`/check?address=${holder}`, ctx.chainId)}>
          Check against a job's requirement, or ask the holder to prove this address is theirs
        </Link>
      </p>
      {error ? (
        <Notice tone="error" title="The credentials could not be read.">
          {readProblem(error, ctx.rpc)}
        </Notice>
      ) : reading && credentials.length === 0 ? (
        <Loading what="credentials" />
      ) : credentials.length === 0 ? (
        <Notice title="This address holds no credentials on this chain.">
          <WayOn ctx={ctx} />
        </Notice>
      ) : (
        <>
          <p className="summary" aria-live="polite">
            {reading && "Reading… "}
            {formatCount(credentials.length)} credential{credentials.length === 1 && !reading ? "" : "s"}
            {reading && " so far"}: {formatCount(valid)} valid
            {credentials.length > valid && `, ${formatCount(credentials.length - valid)} not valid`}.
          </p>
          {now !== undefined && !reading && (
            <>
              {credentials.some(carriesCredits) && (
                <CreditsPanel
                  credentials={credentials}
                  now={now}
                  question={question}
                  onChange={(q) => navigate(`${location}?${withQuestion(search, q)}`, { replace: true })}
                  link={`${window.location.origin}${location}?${withQuestion(search, question)}`}
                  ctx={ctx}
                />
              )}
              <ExpiringSoon credentials={credentials} now={now} ctx={ctx} />
            </>
          )}
          <nav className="view-switch" aria-label="View">
            <Link href={`${location}?${withView(search, false)}`} aria-current={portfolio ? undefined : "page"}>
              Cards
            </Link>
            <Link href={`${location}?${withView(search, true)}`} aria-current={portfolio ? "page" : undefined}>
              Portfolio, by issuer
            </Link>
          </nav>
          <h2 className="sr-only">Credentials</h2>
          {portfolio ? (
            <Portfolio credentials={credentials} ctx={ctx} />
          ) : (
            <PagedCards
              key={holder}
              items={credentials}
              keyOf={(c) => c.tokenId.toString()}
              render={(c) => <CredentialCard c={c} ctx={ctx} now={now} />}
              noun="credentials"
            />
          )}
        </>
      )}
      {!error && list.data !== undefined && (
        <SourceLine
          ctx={ctx}
          block={list.readAt}
          checkedAt={list.dataUpdatedAt}
          stale={failure ? readProblem(failure, ctx.rpc) : undefined}
        />
      )}
    </section>
  );
}

/** The credit question a link carries: `?credits=24m` (default) and `&valid=1` for valid credentials only. */
function creditQuestion(search: string): CreditQuestion {
  const params = new URLSearchParams(search);
  return { period: parseCreditPeriod(params.get("credits")) ?? "24m", validOnly: params.get("valid") === "1" };
}

/** The page's query with the portfolio view on or off, other parameters kept. */
function withView(search: string, portfolio: boolean): string {
  const params = new URLSearchParams(search);
  if (portfolio) params.set("view", "portfolio");
  else params.delete("view");
  return params.toString();
}

/** The page's query with `q` in it, other parameters (the chain) kept. */
function withQuestion(search: string, q: CreditQuestion): string {
  const params = new URLSearchParams(search);
  params.set("credits", q.period);
  if (q.validOnly) params.set("valid", "1");
  else params.delete("valid");
  return params.toString();
}
