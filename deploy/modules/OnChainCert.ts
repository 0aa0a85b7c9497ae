import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys the metadata renderer, the credential registry (which deploys its administration
 * extension itself), the registry's lens (a verifier's reads) and the claim-link contract, and
 * grants the claim-link contract the registry's MINTER_ROLE.
 *
 * Parameters (deploy/parameters/<network>.json or --parameters):
 * - admin: the account holding DEFAULT_ADMIN_ROLE (default: the deploying account)
 * - adminDelay: seconds an admin transfer must wait after it is begun (default: 3 days)
 * - externalBaseURI: the dApp's credential page prefix; token URIs link to <base><tokenId>
 *
 * The grant is sent by the deploying account, so it must be the admin when the module runs; with
 * another admin (a Safe), the admin sends `grantRole(MINTER_ROLE, <claims>)` itself
 * (docs/claim-links.md).
 *
 * Ignition records each deployment under deploy/deployments/chain-<id>/, and running the
 * module again on the same chain deploys nothing new.
 */
export default buildModule("OnChainCert", (m) => {
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
  const minterRole = m.staticCall(registry, "MINTER_ROLE", []);
  m.call(registry, "grantRole", [minterRole, claims]);
  return { registry, renderer, lens, claims };
});
