/** Address control: a candidate signs a Sign-In with Ethereum message; the verifier's check. */
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { createPublicClient, custom, getAddress, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  CHALLENGE_DAYS,
  checkAddressProof,
  decodeProof,
  encodeProof,
  newChallenge,
  proofMessage,
} from "@onchaincert/sdk";

// Hardhat's well-known accounts #4 (the candidate) and #5 (someone else).
const candidate = privateKeyToAccount("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
const other = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
const ORIGIN = "https://credentials.example.org";
const NOW = Math.floor(Date.UTC(2026, 10, 29, 12) / 1000);

describe("SDK: proof of address control (EIP-4361)", function () {
  const client = createPublicClient({ transport: custom(hre.network.provider) });

  async function signed(signer = candidate, origin = ORIGIN, challenge = newChallenge(candidate.address, 31337, NOW)) {
    const message = proofMessage(challenge, origin, NOW + 60);
    return { challenge, proof: { message, signature: await signer.signMessage({ message }) } };
  }

  it("proves control when the address signed this site's challenge, and says whether this verifier issued it", async function () {
    const { challenge, proof } = await signed();
    expect(proof.message).to.match(
      /^credentials\.example\.org wants you to sign in with your Ethereum account:\n0x15d3/,
    );
    const expected = { address: candidate.address, origin: ORIGIN, chainId: 31337, now: NOW + 120 };
    expect(await checkAddressProof(client, proof, { ...expected, ours: [challenge] })).to.deep.equal({
      ok: true,
      address: candidate.address,
      signedAt: NOW + 60,
      ours: challenge,
    });
    // Not one of ours: signed by the address, but possibly a copy made for someone else.
    expect(await checkAddressProof(client, proof, { ...expected, ours: [] })).to.include({ ok: true, ours: undefined });
    // Our nonce, but sent for another address or chain: not ours either.
    for (const sent of [
      { ...challenge, address: other.address },
      { ...challenge, chainId: 1 },
    ]) {
      expect(await checkAddressProof(client, proof, { ...expected, ours: [sent] })).to.include({ ours: undefined });
    }
    // It travels in a link and as a file.
    expect(decodeProof(encodeProof(proof))).to.deep.equal(proof);
    expect(decodeProof(JSON.stringify(proof))).to.deep.equal(proof);
    expect(decodeProof("not a proof")).to.equal(undefined);
  });

  it("refuses a signature by another account, a proof about another address, another site's, a changed message and an expired one", async function () {
    const expected = { address: candidate.address, origin: ORIGIN, chainId: 31337, ours: [], now: NOW + 120 };
    const byOther = await signed(other);
    expect(await checkAddressProof(client, byOther.proof, expected)).to.deep.equal({
      ok: false,
      problem: `The signature was not made by ${candidate.address}: it does not prove control of the address.`,
    });
    // With the chain out of reach, a signature that is no key's may still be a smart wallet's:
    // unchecked, not forged. A key's own signature needs no chain.
    const offline = createPublicClient({
      transport: custom({
        request: () => Promise.reject(new Error("connect ECONNREFUSED")),
      }),
    });
    expect(await checkAddressProof(offline, byOther.proof, expected)).to.deep.equal({
      ok: false,
      problem: "The signature could not be checked (the chain's RPC did not answer): try again.",
    });
    expect(await checkAddressProof(offline, (await signed()).proof, expected)).to.include({ ok: true });
    const { proof } = await signed();
    expect(await checkAddressProof(client, proof, { ...expected, address: other.address })).to.deep.equal({
      ok: false,
      problem: `The proof is about ${candidate.address}, not ${other.address}.`,
    });
    const elsewhere = await signed(candidate, "https://evil.example");
    expect(await checkAddressProof(client, elsewhere.proof, expected)).to.deep.equal({
      ok: false,
      problem: "The proof was signed for evil.example, not for this site (credentials.example.org).",
    });
    const changed = { ...proof, message: proof.message.replace("Chain ID: 31337", "Chain ID: 1") };
    expect(await checkAddressProof(client, changed, expected)).to.include({ ok: false });
    // Expired at its expiry second, as viem's own check says.
    const late = await checkAddressProof(client, proof, { ...expected, now: NOW + CHALLENGE_DAYS * 86_400 });
    expect(late).to.deep.equal({ ok: false, problem: "The challenge expired on 2026-12-06: send a new one." });
    expect(await checkAddressProof(client, proof, { ...expected, chainId: 1 })).to.deep.equal({
      ok: false,
      problem: "The proof was signed for chain 31337, not this page's chain (1).",
    });
    // A date that is not a date, and no expiry: refused, not shown as a time.
    for (const [from, to] of [
      [/Issued At: .*/, "Issued At: whenever"],
      [/\nExpiration Time: .*/, ""],
    ] as const) {
      const message = proof.message.replace(from, to);
      const odd = { message, signature: await candidate.signMessage({ message }) };
      expect(await checkAddressProof(client, odd, expected)).to.deep.equal({
        ok: false,
        problem: "The proof is not a complete Sign-In with Ethereum message (address, nonce, times).",
      });
    }
    expect(await checkAddressProof(client, { ...proof, message: "hello" }, expected)).to.include({ ok: false });
  });

  it("proves control of a smart-contract wallet (EIP-1271) by its owner's signature, and refuses another key's", async function () {
    const factory = await ethers.getContractFactory("SmartWalletMock");
    const wallet = await factory.deploy(candidate.address);
    const address = getAddress(await wallet.getAddress()) as Address;
    const challenge = newChallenge(address, 31337, NOW);
    const message = proofMessage(challenge, ORIGIN, NOW + 60);
    const expected = { address, origin: ORIGIN, chainId: 31337, ours: [challenge], now: NOW + 120 };
    const byOwner = { message, signature: await candidate.signMessage({ message }) };
    expect(await checkAddressProof(client, byOwner, expected)).to.deep.equal({
      ok: true,
      address,
      signedAt: NOW + 60,
      ours: challenge,
    });
    const byOther = { message, signature: await other.signMessage({ message }) };
    expect(await checkAddressProof(client, byOther, expected)).to.deep.equal({
      ok: false,
      problem: `The signature was not made by ${address}: it does not prove control of the address.`,
    });

    // The wallet's check is a call, which a node can fail to answer (a timeout, a rate limit):
    // viem then says false. Asked once more, the wallet's own answer decides; a call that fails
    // again leaves the proof unchecked, never forged.
    const flaky = (failing: number) =>
      createPublicClient({
        transport: custom(
          {
            request: ({ method, params }: { method: string; params?: unknown[] }) =>
              method === "eth_call" && failing-- > 0
                ? Promise.reject(new Error("429 Too Many Requests"))
                : hre.network.provider.request({ method, params }),
          },
          { retryCount: 0 },
        ),
      });
    expect(await checkAddressProof(flaky(1), byOwner, expected)).to.include({ ok: true });
    expect(await checkAddressProof(flaky(1), byOther, expected)).to.deep.equal({
      ok: false,
      problem: `The signature was not made by ${address}: it does not prove control of the address.`,
    });
    expect(await checkAddressProof(flaky(99), byOwner, expected)).to.deep.equal({
      ok: false,
      problem: "The signature could not be checked (the chain's RPC did not answer): try again.",
    });
  });
});
