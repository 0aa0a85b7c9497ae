import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The contracts: the metadata renderer, the credential registry (which deploys its administration
 * extension itself), the registry's lens (a verifier's reads) and the claim-link contract. Every
 * constructor argument is a parameter or another of these contracts, so with the same parameters
 * and the `create2` strategy they land at the same addresses on every chain.
 *
 * Parameters (`pnpm deploy:chain` passes them; or --parameters):
 * - admin: the account holding DEFAULT_ADMIN_ROLE (default: the deploying account)
 * - adminDelay: seconds an admin transfer must wait after it is begun (default: 3 days)
 * - externalBaseURI: the dApp's credential page prefix; token URIs link to <base><tokenId>
 */
export const OnChainCertContracts = buildModule("OnChainCert", (m) => {
  const admin = m.getParameter("admin", m.getAccount(0));
  const adminDelay = m.getParameter("adminDelay", 3 * 24 * 60 * 60);
  const externalBaseURI = m.getParameter("externalBaseURI", "http://127.0.0.1:5173/credential/");

  const renderer = m.contract("CredentialRenderer");
  const registry = m.contract("CredentialRegistry", [
    admin,
    adminDelay,
    "OnChainCert Credential",
    "OCC",
    externalBaseURI,
    renderer,
  ]);
  const lens = m.contract("CredentialLens", [registry]);
  const claims = m.contract("CredentialClaims", [registry]);
  return { registry, renderer, lens, claims };
});

/**
 * The whole deployment: the contracts, and the registry's MINTER_ROLE granted to the claim-link
 * contract. The grant is sent by the deploying account, so it must be the admin when this runs;
 * with another admin (a Safe), `pnpm deploy:chain` deploys `OnChainCertContracts` alone and
 * writes the grant as a Safe Transaction Builder file for the admin to send (docs/deploying.md).
 *
 * Ignition records each deployment under deploy/deployments/chain-<id>/, and running the
 * module again on the same chain deploys nothing new.
 */
export default buildModule("ClaimLinkMinter", (m) => {
  const contracts = m.useModule(OnChainCertContracts);
  const minterRole = m.staticCall(contracts.registry, "MINTER_ROLE", []);
  m.call(contracts.registry, "grantRole", [minterRole, contracts.claims]);
  return contracts;
});
