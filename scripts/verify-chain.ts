/**
 * `pnpm verify:chain --network <preset>`: verifies the sources of the deployment recorded for
 * that chain (deploy/deployments/chain-<id>/) on Etherscan (ETHERSCAN_API_KEY, one key for every
 * chain of its family), Blockscout and Sourcify. `pnpm deploy:chain` runs the same step; this
 * re-runs it, e.g. from a machine that reaches the explorers.
 */
import { connect, parseOptions, run } from "./lib/deployment";
import { deployedContracts, verifyOnExplorers } from "./lib/explorers";

run(async () => {
  const options = parseOptions(process.argv.slice(2), { network: "value" });
  const target = await connect(options.get("network"));
  await verifyOnExplorers(target, deployedContracts(target));
});
