/**
 * One registry and the contracts around it: its administration extension (deployed by its
 * constructor), its lens and the renderer. Settings, the admin transfer, and the extension's shared
 * storage layout.
 */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { issuerNameKey } from "@onchaincert/sdk";

import { ADMIN_DELAY, deployRegistry, registryWithType } from "../helpers/fixtures";

const NONE = ethers.ZeroHash;

interface StorageEntry {
  label: string;
  slot: string;
  offset: number;
  type: string;
}

async function layoutOf(fullName: string): Promise<StorageEntry[]> {
  const buildInfo = await hre.artifacts.getBuildInfo(fullName);
  const [source, name] = fullName.split(":");
  const output = buildInfo!.output.contracts[source!]![name!] as unknown as {
    storageLayout: { storage: StorageEntry[] };
  };
  return output.storageLayout.storage.map(({ label, slot, offset, type }) => ({ label, slot, offset, type }));
}

describe("deployment", function () {
  it("sets name, symbol, admin, base URI and renderer, and deploys its administration extension", async function () {
    const { registry, lens, renderer, admin } = await loadFixture(deployRegistry);
    expect([await registry.name(), await registry.symbol(), await registry.defaultAdmin()]).to.deep.equal([
      "OnChainCert Credential",
      "OCC",
      admin.address,
    ]);
    expect(await registry.defaultAdminDelay()).to.equal(ADMIN_DELAY);
    expect(await registry.externalBaseURI()).to.equal("https://app.example/credential/");
    expect(await registry.renderer()).to.equal(await renderer.getAddress());
    const address = await registry.getAddress();
    // The constructor's one CREATE: the extension (nonce 1). The lens is deployed beside it.
    expect(await registry.adminExtension()).to.equal(ethers.getCreateAddress({ from: address, nonce: 1 }));
    expect(await lens.registry()).to.equal(address);
    expect([await registry.typeCount(), await registry.totalIssued(), await registry.issuerCount()]).to.deep.equal([
      0n,
      0n,
      0n,
    ]);
  });

  it("answers ERC-165 for ERC-721, metadata, ERC-5192, ERC-4906 and AccessControl", async function () {
    const { registry } = await loadFixture(deployRegistry);
    for (const id of [
      "0x01ffc9a7",
      "0x80ac58cd",
      "0x5b5e139f",
      "0xb45a3c0e",
      "0x49064906",
      "0x7965db0b",
      "0x31498786",
    ]) {
      expect(await registry.supportsInterface(id), id).to.equal(true);
    }
    expect(await registry.supportsInterface("0x780e9d63")).to.equal(false); // not Enumerable
    expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
  });

  it("shares one storage layout with its administration extension, which runs in the registry's storage", async function () {
    const registry = await layoutOf("contracts/CredentialRegistry.sol:CredentialRegistry");
    const extension = await layoutOf("contracts/CredentialRegistryAdmin.sol:CredentialRegistryAdmin");
    expect(registry.length).to.be.greaterThan(20);
    expect(extension).to.deep.equal(registry);
  });

  it("leaves the registry untouched when the extension is called directly", async function () {
    const { registry, admin, issuerA } = await loadFixture(registryWithType);
    const extension = await ethers.getContractAt("CredentialRegistryAdmin", await registry.adminExtension());
    // The extension's own storage has no issuers and only the registry as admin.
    await expect(extension.connect(admin).registerIssuer(admin.address, "Shadow", issuerNameKey("Shadow"), ""))
      .to.be.revertedWithCustomError(extension, "AccessControlUnauthorizedAccount")
      .withArgs(admin.address, NONE);
    await expect(
      extension.connect(issuerA).createCredentialType({
        name: "Shadow",
        description: "",
        kind: 0,
        credits: 0,
        validityPeriod: 0,
        criteriaURL: "",
        imageURL: "",
        components: [],
        requiredComponents: 0,
      }),
    )
      .to.be.revertedWithCustomError(extension, "IssuerNotRegistered")
      .withArgs(issuerA.address);
    expect(await registry.issuerCount()).to.equal(2);
    expect(await registry.typeCount()).to.equal(1);
  });

  describe("setExternalBaseURI and setRenderer", function () {
    it("are admin-only and emit their events", async function () {
      const { registry, admin, stranger, issuerA, holders } = await loadFixture(registryWithType);
      await expect(registry.connect(admin).setExternalBaseURI("https://x.example/c/"))
        .to.emit(registry, "ExternalBaseURIUpdated")
        .withArgs("https://x.example/c/")
        .and.not.to.emit(registry, "BatchMetadataUpdate");
      expect(await registry.externalBaseURI()).to.equal("https://x.example/c/");
      await registry.connect(issuerA).issue(1, holders[0].address, 0, NONE);
      await expect(registry.connect(admin).setRenderer(stranger.address))
        .to.emit(registry, "RendererUpdated")
        .withArgs(stranger.address)
        .and.to.emit(registry, "BatchMetadataUpdate")
        .withArgs(1, 1);
      expect(await registry.renderer()).to.equal(stranger.address);
      for (const call of [
        () => registry.connect(stranger).setExternalBaseURI("x"),
        () => registry.connect(stranger).setRenderer(stranger.address),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, NONE);
      }
      await expect(registry.connect(admin).setExternalBaseURI("u".repeat(257)))
        .to.be.revertedWithCustomError(registry, "StringLengthInvalid")
        .withArgs("baseURI", 257, 256);
    });
  });

  describe("admin transfer", function () {
    it("takes two steps and the delay (AccessControlDefaultAdminRules), and the new admin runs the extension's admin functions", async function () {
      const { registry, admin, stranger } = await loadFixture(deployRegistry);
      await registry.connect(admin).beginDefaultAdminTransfer(stranger.address);
      const [pending, schedule] = await registry.pendingDefaultAdmin();
      expect(pending).to.equal(stranger.address);
      await expect(registry.connect(stranger).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay")
        .withArgs(schedule);
      await time.increaseTo(schedule + 1n);
      await registry.connect(stranger).acceptDefaultAdminTransfer();
      expect(await registry.defaultAdmin()).to.equal(stranger.address);
      await expect(registry.connect(admin).registerIssuer(admin.address, "Old admin", issuerNameKey("Old admin"), ""))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(admin.address, NONE);
      await expect(registry.connect(stranger).registerIssuer(admin.address, "New", issuerNameKey("New"), "")).to.emit(
        registry,
        "IssuerRegistered",
      );
    });
  });
});
