/**
 * A Besu QBFT genesis for validators chosen by block header (no validator contract): the validator set
 * lives in the genesis block's extraData, RLP([32-byte vanity, [validator addresses], [] votes, round 0,
 * [] committed seals]), exactly what `besu operator generate-blockchain-config` writes.
 */
import { toHex, toRlp, type Address, type Hex } from "viem";

export function qbftExtraData(validators: Address[]): Hex {
  const vanity = toHex(new Uint8Array(32));
  // Round 0 is the empty byte string in RLP (0x80), as Besu encodes it.
  return toRlp([vanity, validators, [], "0x", []]);
}

export interface GenesisOptions {
  chainId: number;
  validators: Address[];
  /** Accounts given ether at genesis: the deployer/anchorer pays gas with it. */
  funded: Address[];
  blockPeriodSeconds?: number;
}

export function qbftGenesis({ chainId, validators, funded, blockPeriodSeconds = 2 }: GenesisOptions) {
  return {
    config: {
      chainId,
      berlinBlock: 0,
      londonBlock: 0,
      shanghaiTime: 0,
      cancunTime: 0,
      // A private network has no fee market to speak of; the anchor worker still sends EIP-1559 transactions.
      zeroBaseFee: true,
      qbft: { blockperiodseconds: blockPeriodSeconds, epochlength: 30_000, requesttimeoutseconds: blockPeriodSeconds * 2 },
    },
    nonce: "0x0",
    timestamp: "0x0",
    gasLimit: "0x1fffffffffffff",
    difficulty: "0x1",
    // QBFT's fixed mixHash ("Istanbul" digest) identifies BFT blocks.
    mixHash: "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
    coinbase: "0x0000000000000000000000000000000000000000",
    alloc: Object.fromEntries(funded.map((address) => [address.toLowerCase().replace(/^0x/, ""), { balance: "0x3635C9ADC5DEA00000" }])),
    extraData: qbftExtraData(validators),
  };
}

/** The validators' fixed addresses on compose.yaml's `chain` network, validator1 first. */
export const VALIDATOR_IPS = ["172.30.0.11", "172.30.0.12", "172.30.0.13", "172.30.0.14"] as const;

/**
 * Besu settings every validator shares (deploy/compose.yaml adds each node's key and address). Every
 * node lists all four as bootnodes (a node skips itself), so any one of them may be down at start.
 */
export function besuConfigToml(enodeIds: string[]): string {
  const bootnodes = enodeIds.map((id, i) => `"enode://${id}@${VALIDATOR_IPS[i]}:30303"`).join(", ");
  return [
    `genesis-file="/network/genesis.json"`,
    `data-path="/var/lib/besu"`,
    `sync-mode="FULL"`,
    `bootnodes=[${bootnodes}]`,
    `p2p-port=30303`,
    `min-gas-price=0`,
    `rpc-http-enabled=true`,
    `rpc-http-host="0.0.0.0"`,
    `rpc-http-port=8545`,
    `rpc-http-api=["ETH", "NET", "WEB3", "QBFT", "TXPOOL"]`,
    // Reached only from the compose networks; the RPC has no authentication of its own.
    `host-allowlist=["*"]`,
    "",
  ].join("\n");
}
