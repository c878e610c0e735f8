import { describe, expect, it } from "vitest";
import { fromRlp, hexToBytes, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { besuConfigToml, qbftExtraData, qbftGenesis, VALIDATOR_IPS } from "./qbft-genesis";

const validators = Array.from({ length: 4 }, () => privateKeyToAccount(generatePrivateKey()).address);

describe("QBFT genesis", () => {
  it("encodes extraData as RLP([32-byte vanity, [4 validators], [] votes, round 0, [] seals])", () => {
    const decoded = fromRlp(qbftExtraData(validators), "hex") as [Hex, Hex[], Hex[], Hex, Hex[]];
    expect(decoded).toHaveLength(5);
    const [vanity, addresses, votes, round, seals] = decoded;
    expect(hexToBytes(vanity)).toEqual(new Uint8Array(32));
    expect(addresses.map((a) => a.toLowerCase())).toEqual(validators.map((a) => a.toLowerCase()));
    expect(votes).toEqual([]);
    expect(round).toBe("0x");
    expect(seals).toEqual([]);
  });

  it("matches the tail Besu writes for a header-validated QBFT genesis (empty vote list, round 0, no seals)", () => {
    expect(qbftExtraData(validators).endsWith("c080c0")).toBe(true);
  });

  it("funds the anchoring account and configures QBFT", () => {
    const genesis = qbftGenesis({ chainId: 1337, validators, funded: [validators[0]!] });
    expect(genesis.config.qbft.blockperiodseconds).toBeGreaterThan(0);
    expect(genesis.config.chainId).toBe(1337);
    expect(Object.keys(genesis.alloc)).toEqual([validators[0]!.slice(2).toLowerCase()]);
  });

  it("lists every validator as a bootnode at its fixed address", () => {
    const ids = ["a", "b", "c", "d"].map((c) => c.repeat(128));
    const toml = besuConfigToml(ids);
    for (const [i, id] of ids.entries()) expect(toml).toContain(`enode://${id}@${VALIDATOR_IPS[i]}:30303`);
  });
});
