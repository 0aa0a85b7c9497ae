/**
 * The contracts alone, without the minter grant that only the admin may send: for
 * `npx hardhat ignition deploy` with a Safe (or any account other than the deployer) as admin,
 * where the CreateX factory is missing (docs/deploying.md). The admin then sends
 * `grantRole(MINTER_ROLE, <CredentialClaims>)` itself.
 */
import { OnChainCertContracts } from "./OnChainCert";

export default OnChainCertContracts;
