import type { ExportManifest } from "./manifest";

/** README.txt of an export archive: what is inside and how to check it, with or without our tool. */
export function readmeText(manifest: Omit<ExportManifest, "files">, counts: { files: number; anchored: number }): string {
  const { anchored } = counts;
  const pending = counts.files - anchored;
  return `MedAnchor records export
========================

Created ${manifest.createdAt} (UTC) by a ${manifest.exportedBy.role.toLowerCase()}${manifest.scope === "granted" ? ", covering the documents the patient had granted them access to at that moment" : ""}.
${counts.files} document file(s): ${anchored} anchored on chain${pending ? `, ${pending} not anchored yet when exported (no receipt; export again later to get one)` : ""}.

What is inside
--------------
bundle.json      Your records as a FHIR R4 Bundle (type "collection"): patient, appointments, documents
                 (DocumentReference), access grants (Consent), access log (AuditEvent), anchoring
                 (Provenance) and the practitioners and organizations they refer to.
files/           Each document, decrypted, exactly as it was uploaded.
receipts/        One verification receipt per anchored document (JSON).
manifest.json    The index: for each file its SHA-256, size, receipt and DocumentReference id; the
                 chain id (${manifest.chainId}) and contract (${manifest.contract}) the receipts refer to.

How the proof works
-------------------
When a document was stored, MedAnchor computed its SHA-256 fingerprint and anchored a commitment to it on
chain: commitment = keccak256(sha256(file) ‖ salt), under a random id. The chain holds only that
commitment, never the file, its title or your name. A receipt holds the chain id, contract, id, salt,
SHA-256, commitment, transaction, block and, when batched, the Merkle proof: everything needed to check,
without trusting MedAnchor, that a file is the one anchored and when.

Verifying with our tool
-----------------------
  npm run verify -- --export <this archive.zip> [--rpc <url of a node of chain ${manifest.chainId}>]

prints one line per file (PASS, FAIL or PENDING) and exits 0 only when no file fails. A single file:
  npm run verify -- <file> <receipt.json> [--rpc <url>]
Or open /verify on the MedAnchor site: it hashes the file in your browser and reads the contract from a
node you choose.

Verifying without our tool
--------------------------
1. Fingerprint: run "sha256sum files/<file>" (macOS: "shasum -a 256"). The hex digest must equal the
   file's "sha256" in manifest.json and in its receipt (receipts/<document id>.json).
2. Commitment: keccak256 of the 64 bytes sha256 ‖ salt (both 32-byte values from the receipt) must equal
   the receipt's "commitment" (for example: cast keccak $(cast concat-hex 0x<sha256> <salt>)).
3. On chain, using any node of chain ${manifest.chainId} and the contract ${manifest.contract}:
   - a receipt with "batch": null: getDocument(anchorId) returns the first 24 bytes of the commitment and
     the anchoring time; documentMatches(anchorId, commitment) returns (true, anchoring time);
   - a batched receipt: getBatch(batch.root) returns the number of documents and the anchoring time, and
     verifyBatchInclusion(batch.root, leaf, batch.proof) returns true, where
     leaf = keccak256(keccak256(abi.encode(anchorId, commitment))).
   For example: cast call ${manifest.contract} "documentMatches(bytes32,bytes32)(bool,uint64)" <anchorId> <commitment> --rpc-url <url>
4. Time: the anchoring time the contract returns equals the receipt's "blockTime", and block "blockNumber"
   carries that timestamp. The file existed, unaltered, at that time.

A file whose fingerprint differs from its receipt was changed after it was anchored, or is a different file.
`;
}
