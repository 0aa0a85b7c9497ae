import { useQuery } from "@tanstack/react-query";
import { useBlockNumber } from "wagmi";
import { CredentialStatus } from "@onchaincert/sdk";

import { useChainContext } from "../chain";
import { CredentialCard } from "../components/CredentialCard";
import { Loading, Notice } from "../components/Notice";
import { SourceLine } from "../components/SourceLine";
import { looksLikeEnsName, resolveEnsName } from "../ens";
import { parseAddress, readProblem } from "../format";
import { useHolderCredentials } from "../useHolderCredentials";

/** `/verify/<address>`, or `/verify/<name.eth>` resolved on mainnet first. */
export function VerifyAddress({ address }: { address: string }) {
  const isName = looksLikeEnsName(address);
  const ens = useQuery({
    queryKey: ["ens", address],
    enabled: isName,
    queryFn: () => resolveEnsName(address),
    staleTime: 5 * 60_000,
  });
  if (!isName) return <HolderCredentials address={address} />;
  if (!ens.data) return <p className="loading">Looking up {address} on Ethereum…</p>;
  if (ens.data.address === undefined) return <Notice tone="error" title={ens.data.error} />;
  return <HolderCredentials address={ens.data.address} ensName={ens.data.name} />;
}

function HolderCredentials({ address, ensName }: { address: string; ensName?: string }) {
  const ctx = useChainContext();
  const parsed = parseAddress(address);
  const holder = parsed.address;
  const ready = Boolean(holder && ctx.lens && !ctx.problem);

  // Read at one block so the list and the "read at block" line agree.
  const block = useBlockNumber({ chainId: ctx.chainId, query: { enabled: ready } });
  const list = useHolderCredentials(ctx, holder, block.data, ready && block.data !== undefined);

  if (parsed.error !== undefined) {
    return (
      <Notice tone="error" title={parsed.error}>
        <code>{address}</code>
      </Notice>
    );
  }
  if (ctx.problem) return <Notice tone="error" title={ctx.problem} />;

  const error = block.error ?? list.error;
  const credentials = list.data ?? [];
  const counts = {
    valid: credentials.filter((c) => c.status === CredentialStatus.Valid).length,
    other: credentials.filter((c) => c.status !== CredentialStatus.Valid).length,
  };

  return (
    <section>
      <h1 className="page-title">Credentials of</h1>
      <p className="holder">
        {ensName && <strong className="ens-name">{ensName} → </strong>}
        <code>{holder}</code>
      </p>
      {error ? (
        <Notice tone="error" title="The credentials could not be read.">
          {readProblem(error, ctx.rpc)}
        </Notice>
      ) : list.data === undefined ? (
        <Loading what="credentials" />
      ) : credentials.length === 0 ? (
        <Notice title="This address holds no credentials on this chain." />
      ) : (
        <>
          <p className="summary">
            {credentials.length} credential{credentials.length === 1 ? "" : "s"}: {counts.valid} valid
            {counts.other > 0 && `, ${counts.other} not valid`}.
          </p>
          <div className="cards">
            {credentials.map((c) => (
              <CredentialCard key={c.tokenId.toString()} c={c} chainId={ctx.chainId} />
            ))}
          </div>
        </>
      )}
      {!error && list.data !== undefined && <SourceLine ctx={ctx} block={block.data} />}
    </section>
  );
}
