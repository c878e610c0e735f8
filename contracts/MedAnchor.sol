// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/**
 * @title MedAnchor
 * @notice Public, tamper-evident commitments for MedAnchor's medical documents, Merkle batches of them,
 * access grants and doctor attestations.
 * @dev Only commitments are stored: `commitment = keccak256(abi.encodePacked(sha256(data), salt))` under a
 * random `bytes32` id, with a random 32-byte salt. The salt stays off chain (Postgres and the patient's
 * receipt), so nothing here identifies a person or lets anyone test a guessed file against the chain.
 *
 * Every write is idempotent so that the anchoring worker can retry after a crash without failing or
 * double-writing: the same call again is a successful no-op that emits no event; a call that would change
 * an existing record reverts. Documents, batches, grants and attestations live in separate id spaces.
 *
 * Times are block timestamps in seconds. Windows are half-open, `[start, end)`, like the `tstzrange`s in
 * Postgres: a grant is active from `notBefore` inclusive to `notAfter` exclusive; an attestation is valid
 * until `validUntil` exclusive.
 */
contract MedAnchor is AccessControl {
    /// @notice Role allowed to write records (held by the anchoring worker's key).
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    /// @notice Lifecycle of a grant at the current block time.
    /// @dev `Scheduled`: set, not revoked, `block.timestamp < notBefore`. `Expired`: `notAfter <= block.timestamp`.
    enum GrantState {
        Unknown,
        Scheduled,
        Active,
        Expired,
        Revoked
    }

    /// @notice Lifecycle of a doctor attestation at the current block time.
    /// @dev `Expired`: `validUntil <= block.timestamp`.
    enum AttestationState {
        Unknown,
        Valid,
        Expired,
        Revoked
    }

    /**
     * @dev One anchored document in a single storage slot (24 + 8 bytes), which keeps a single anchor under
     * 50k gas: the first 24 bytes of its commitment and the block time it was first anchored at. Finding
     * another commitment with the same 192-bit head is a 2^192 search, so the head binds the document as
     * firmly as the whole hash would for any practical purpose; the full commitment is in the event.
     */
    struct DocumentRecord {
        bytes24 commitmentHead;
        uint64 anchoredAt;
    }

    /// @dev One anchored Merkle batch (one storage slot); the root is the mapping key.
    struct BatchRecord {
        uint64 anchoredAt;
        uint32 count;
    }

    /**
     * @notice One access grant as stored.
     * @param commitment Commitment to the grant's off-chain terms (patient, doctor, scope, permission).
     * @param notBefore First second the grant is active (inclusive).
     * @param notAfter First second the grant is no longer active (exclusive).
     * @param setAt Block timestamp the grant was set at; zero when never set.
     * @param revokedAt Block timestamp the grant was revoked at; zero when not revoked.
     */
    struct Grant {
        bytes32 commitment;
        uint64 notBefore;
        uint64 notAfter;
        uint64 setAt;
        uint64 revokedAt;
    }

    /**
     * @notice One doctor attestation (a verified licence) as stored.
     * @param commitment Commitment to the attested credential (licence number, jurisdiction, decision).
     * @param validUntil First second the attestation is no longer valid (exclusive).
     * @param attestedAt Block timestamp of the attestation; zero when never attested.
     * @param revokedAt Block timestamp of the revocation (suspension); zero when not revoked.
     */
    struct Attestation {
        bytes32 commitment;
        uint64 validUntil;
        uint64 attestedAt;
        uint64 revokedAt;
    }

    mapping(bytes32 id => DocumentRecord) private _documents;
    mapping(bytes32 root => BatchRecord) private _batches;
    mapping(bytes32 id => Grant) private _grants;
    mapping(bytes32 id => Attestation) private _attestations;

    /// @notice Emitted the first time a document commitment is anchored under `id`.
    event DocumentAnchored(bytes32 indexed id, bytes32 commitment, uint64 anchoredAt);

    /// @notice Emitted the first time the Merkle root of a batch of `count` documents is anchored.
    event BatchAnchored(bytes32 indexed root, uint32 count, uint64 anchoredAt);

    /// @notice Emitted the first time a grant is set under `id`.
    event GrantSet(bytes32 indexed id, bytes32 commitment, uint64 notBefore, uint64 notAfter, uint64 setAt);

    /// @notice Emitted the first time the grant `id` is revoked.
    event GrantRevoked(bytes32 indexed id, uint64 revokedAt);

    /// @notice Emitted the first time a doctor attestation is recorded under `id`.
    event DoctorAttested(bytes32 indexed id, bytes32 commitment, uint64 validUntil, uint64 attestedAt);

    /// @notice Emitted the first time the attestation `id` is revoked.
    event AttestationRevoked(bytes32 indexed id, uint64 revokedAt);

    /// @notice The document id already holds a different commitment; anchors never change.
    error MedAnchorCommitmentMismatch(bytes32 id, bytes32 existing, bytes32 attempted);

    /// @notice A zero commitment would be indistinguishable from "never recorded".
    error MedAnchorEmptyCommitment(bytes32 id);

    /// @notice A batch needs a non-zero root and at least one document.
    error MedAnchorInvalidBatch(bytes32 root, uint32 count);

    /// @notice The root was already anchored with a different document count.
    error MedAnchorBatchMismatch(bytes32 root, uint32 existingCount, uint32 attemptedCount);

    /// @notice A grant window must end after it starts (`notBefore < notAfter`).
    error MedAnchorInvalidGrantWindow(bytes32 id, uint64 notBefore, uint64 notAfter);

    /// @notice The grant id is already set with a different commitment or window; grants never change.
    error MedAnchorGrantMismatch(bytes32 id);

    /// @notice The grant was revoked at `revokedAt`; a revoked grant can never be set again.
    error MedAnchorGrantRevoked(bytes32 id, uint64 revokedAt);

    /// @notice No grant was ever set under `id`.
    error MedAnchorGrantNotFound(bytes32 id);

    /// @notice `validUntil` zero would be indistinguishable from "never attested".
    error MedAnchorInvalidValidity(bytes32 id, uint64 validUntil);

    /// @notice The attestation id is already recorded with a different commitment or validity.
    error MedAnchorAttestationMismatch(bytes32 id);

    /// @notice The attestation was revoked at `revokedAt`; it can never be recorded again.
    error MedAnchorAttestationRevoked(bytes32 id, uint64 revokedAt);

    /// @notice No attestation was ever recorded under `id`.
    error MedAnchorAttestationNotFound(bytes32 id);

    /// @param admin Account that may grant and revoke roles.
    /// @param anchorer Account that may write records (the worker's key); may equal `admin`.
    constructor(address admin, address anchorer) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ANCHORER_ROLE, anchorer);
    }

    /**
     * @notice Anchors a document commitment under `id`.
     * @dev The same commitment again is a no-op; a different one reverts with {MedAnchorCommitmentMismatch}.
     * @param id Random identifier chosen off chain.
     * @param commitment keccak256(sha256(file) ‖ salt).
     */
    function anchorDocument(bytes32 id, bytes32 commitment) external onlyRole(ANCHORER_ROLE) {
        if (commitment == bytes32(0)) revert MedAnchorEmptyCommitment(id);
        DocumentRecord memory record = _documents[id];
        if (record.anchoredAt != 0) {
            if (record.commitmentHead == bytes24(commitment)) return;
            revert MedAnchorCommitmentMismatch(id, bytes32(record.commitmentHead), commitment);
        }
        uint64 anchoredAt = uint64(block.timestamp);
        _documents[id] = DocumentRecord({commitmentHead: bytes24(commitment), anchoredAt: anchoredAt});
        emit DocumentAnchored(id, commitment, anchoredAt);
    }

    /**
     * @notice Anchors the Merkle root of a batch of `count` documents in one transaction.
     * @dev Leaves are {batchLeaf}`(id, commitment)`; pairs are hashed sorted (OpenZeppelin {MerkleProof}), so
     * a proof is just the sibling hashes from leaf to root. `contracts/merkle.ts` builds matching trees. The
     * same root and count again is a no-op; the same root with another count reverts with {MedAnchorBatchMismatch}.
     * @param root Merkle root over the batch's leaves.
     * @param count Number of documents in the batch (informational; not checked against the tree).
     */
    function anchorBatch(bytes32 root, uint32 count) external onlyRole(ANCHORER_ROLE) {
        if (root == bytes32(0) || count == 0) revert MedAnchorInvalidBatch(root, count);
        BatchRecord storage batch = _batches[root];
        if (batch.anchoredAt != 0) {
            if (batch.count != count) revert MedAnchorBatchMismatch(root, batch.count, count);
            return;
        }
        uint64 anchoredAt = uint64(block.timestamp);
        batch.anchoredAt = anchoredAt;
        batch.count = count;
        emit BatchAnchored(root, count, anchoredAt);
    }

    /**
     * @notice Anchors an access grant: a commitment to its terms and its validity window `[notBefore, notAfter)`.
     * @dev The same call again is a no-op. A different commitment or window for an existing id reverts with
     * {MedAnchorGrantMismatch}; any call for a revoked id reverts with {MedAnchorGrantRevoked}.
     * @param id Random grant identifier chosen off chain.
     * @param commitment Commitment to the grant's terms (no personal data).
     * @param notBefore First second the grant is active (inclusive).
     * @param notAfter First second the grant is no longer active (exclusive); must be greater than `notBefore`.
     */
    function setGrant(bytes32 id, bytes32 commitment, uint64 notBefore, uint64 notAfter) external onlyRole(ANCHORER_ROLE) {
        if (commitment == bytes32(0)) revert MedAnchorEmptyCommitment(id);
        if (notAfter <= notBefore) revert MedAnchorInvalidGrantWindow(id, notBefore, notAfter);
        Grant storage grant = _grants[id];
        if (grant.revokedAt != 0) revert MedAnchorGrantRevoked(id, grant.revokedAt);
        if (grant.setAt != 0) {
            if (grant.commitment != commitment || grant.notBefore != notBefore || grant.notAfter != notAfter) {
                revert MedAnchorGrantMismatch(id);
            }
            return;
        }
        uint64 setAt = uint64(block.timestamp);
        grant.commitment = commitment;
        grant.notBefore = notBefore;
        grant.notAfter = notAfter;
        grant.setAt = setAt;
        emit GrantSet(id, commitment, notBefore, notAfter, setAt);
    }

    /**
     * @notice Revokes the grant `id` for good.
     * @dev Revoking again is a no-op; revoking a grant never set reverts with {MedAnchorGrantNotFound}.
     * @param id Grant identifier.
     */
    function revokeGrant(bytes32 id) external onlyRole(ANCHORER_ROLE) {
        Grant storage grant = _grants[id];
        if (grant.setAt == 0) revert MedAnchorGrantNotFound(id);
        if (grant.revokedAt != 0) return;
        uint64 revokedAt = uint64(block.timestamp);
        grant.revokedAt = revokedAt;
        emit GrantRevoked(id, revokedAt);
    }

    /**
     * @notice Records that a doctor's credential was verified, valid until `validUntil` (exclusive).
     * @dev The same call again is a no-op. A different commitment or validity for an existing id reverts with
     * {MedAnchorAttestationMismatch}; any call for a revoked id reverts with {MedAnchorAttestationRevoked}.
     * A `validUntil` already in the past is accepted (a late anchor still records the decision); the
     * attestation is then {AttestationState-Expired} from the start.
     * @param id Random attestation identifier chosen off chain.
     * @param commitment Commitment to the attested credential (no personal data).
     * @param validUntil First second the attestation is no longer valid; must not be zero.
     */
    function attestDoctor(bytes32 id, bytes32 commitment, uint64 validUntil) external onlyRole(ANCHORER_ROLE) {
        if (commitment == bytes32(0)) revert MedAnchorEmptyCommitment(id);
        if (validUntil == 0) revert MedAnchorInvalidValidity(id, validUntil);
        Attestation storage attestation = _attestations[id];
        if (attestation.revokedAt != 0) revert MedAnchorAttestationRevoked(id, attestation.revokedAt);
        if (attestation.attestedAt != 0) {
            if (attestation.commitment != commitment || attestation.validUntil != validUntil) {
                revert MedAnchorAttestationMismatch(id);
            }
            return;
        }
        uint64 attestedAt = uint64(block.timestamp);
        attestation.commitment = commitment;
        attestation.validUntil = validUntil;
        attestation.attestedAt = attestedAt;
        emit DoctorAttested(id, commitment, validUntil, attestedAt);
    }

    /**
     * @notice Revokes the attestation `id` for good (suspension, withdrawn licence).
     * @dev Revoking again is a no-op; revoking an attestation never recorded reverts with {MedAnchorAttestationNotFound}.
     * @param id Attestation identifier.
     */
    function revokeAttestation(bytes32 id) external onlyRole(ANCHORER_ROLE) {
        Attestation storage attestation = _attestations[id];
        if (attestation.attestedAt == 0) revert MedAnchorAttestationNotFound(id);
        if (attestation.revokedAt != 0) return;
        uint64 revokedAt = uint64(block.timestamp);
        attestation.revokedAt = revokedAt;
        emit AttestationRevoked(id, revokedAt);
    }

    /**
     * @notice Reads a document anchor.
     * @param id Document identifier.
     * @return commitmentHead The first 24 bytes of the anchored commitment, or zero when `id` was never anchored.
     * @return anchoredAt Block timestamp of the first anchoring, or zero when never anchored.
     */
    function getDocument(bytes32 id) external view returns (bytes24 commitmentHead, uint64 anchoredAt) {
        DocumentRecord memory record = _documents[id];
        return (record.commitmentHead, record.anchoredAt);
    }

    /**
     * @notice Whether `commitment` is what was anchored under `id`.
     * @param id Document identifier.
     * @param commitment The commitment to check (keccak256(sha256(file) ‖ salt)).
     * @return matches True when `id` is anchored and its stored head equals the commitment's first 24 bytes.
     * @return anchoredAt Block timestamp of the first anchoring, or zero when never anchored.
     */
    function documentMatches(bytes32 id, bytes32 commitment) external view returns (bool matches, uint64 anchoredAt) {
        DocumentRecord memory record = _documents[id];
        return (record.anchoredAt != 0 && record.commitmentHead == bytes24(commitment), record.anchoredAt);
    }

    /**
     * @notice Reads a batch anchor.
     * @param root Merkle root of the batch.
     * @return count Number of documents in the batch, or zero when `root` was never anchored.
     * @return anchoredAt Block timestamp of the first anchoring, or zero.
     */
    function getBatch(bytes32 root) external view returns (uint32 count, uint64 anchoredAt) {
        BatchRecord storage batch = _batches[root];
        return (batch.count, batch.anchoredAt);
    }

    /**
     * @notice The leaf a document contributes to a batch tree.
     * @dev `keccak256(bytes.concat(keccak256(abi.encode(id, commitment))))`: the double hash (OpenZeppelin's
     * recommendation) keeps a 64-byte inner node from ever being presented as a leaf.
     * @param id Document identifier.
     * @param commitment The document's commitment.
     * @return The leaf hash.
     */
    function batchLeaf(bytes32 id, bytes32 commitment) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(id, commitment))));
    }

    /**
     * @notice Whether `leaf` is in the anchored batch `root`, by a Merkle proof of sorted-pair keccak256 hashes.
     * @dev False when `root` was never anchored. The proof length is the caller's (tree depth); nothing stored
     * is iterated.
     * @param root An anchored batch root.
     * @param leaf {batchLeaf}`(id, commitment)` of the document.
     * @param proof Sibling hashes from the leaf up to the root.
     * @return True when the batch is anchored and the proof leads from `leaf` to `root`.
     */
    function verifyBatchInclusion(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        return _batches[root].anchoredAt != 0 && MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /**
     * @notice Reads a grant and its state at the current block time.
     * @param id Grant identifier.
     * @return grant The stored grant (all zero when never set).
     * @return state Its lifecycle state now.
     */
    function getGrant(bytes32 id) external view returns (Grant memory grant, GrantState state) {
        grant = _grants[id];
        state = _grantState(grant);
    }

    /**
     * @notice Whether the grant `id` is active now: set, not revoked, and `notBefore <= block.timestamp < notAfter`.
     * @param id Grant identifier.
     * @return True when active.
     */
    function isGrantActive(bytes32 id) external view returns (bool) {
        return _grantState(_grants[id]) == GrantState.Active;
    }

    /**
     * @notice Reads a doctor attestation and its state at the current block time.
     * @param id Attestation identifier.
     * @return attestation The stored attestation (all zero when never recorded).
     * @return state Its lifecycle state now.
     */
    function getAttestation(bytes32 id) external view returns (Attestation memory attestation, AttestationState state) {
        attestation = _attestations[id];
        state = _attestationState(attestation);
    }

    /**
     * @notice Whether the attestation `id` is valid now: recorded, not revoked, and `block.timestamp < validUntil`.
     * @param id Attestation identifier.
     * @return True when valid.
     */
    function isAttestationValid(bytes32 id) external view returns (bool) {
        return _attestationState(_attestations[id]) == AttestationState.Valid;
    }

    /// @dev Revocation wins over the window, so a revoked grant reads as revoked forever. Validators can skew
    /// block time by seconds at most, which is immaterial for windows of hours and days.
    // forge-lint: disable-start(block-timestamp)
    function _grantState(Grant memory grant) private view returns (GrantState) {
        if (grant.setAt == 0) return GrantState.Unknown;
        if (grant.revokedAt != 0) return GrantState.Revoked;
        if (block.timestamp < grant.notBefore) return GrantState.Scheduled;
        if (block.timestamp < grant.notAfter) return GrantState.Active;
        return GrantState.Expired;
    }

    /// @dev Revocation wins over expiry.
    function _attestationState(Attestation memory attestation) private view returns (AttestationState) {
        if (attestation.attestedAt == 0) return AttestationState.Unknown;
        if (attestation.revokedAt != 0) return AttestationState.Revoked;
        if (block.timestamp < attestation.validUntil) return AttestationState.Valid;
        return AttestationState.Expired;
    }
    // forge-lint: disable-end(block-timestamp)
}
