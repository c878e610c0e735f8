// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/**
 * @title MedAnchor
 * @notice Public, tamper-evident commitments for MedAnchor's medical documents.
 * @dev Only commitments are stored: `commitment = keccak256(abi.encodePacked(sha256(file), salt))`
 * under a random `bytes32` id. The salt stays off chain (Postgres and the patient's receipt), so
 * nothing here identifies a person or lets anyone test a guessed file against the chain.
 */
contract MedAnchor is AccessControl {
    /// @notice Role allowed to write anchors (held by the anchoring worker's key).
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    /// @dev One anchored document: its commitment and the block time it was first anchored at.
    struct DocumentRecord {
        bytes32 commitment;
        uint64 anchoredAt;
    }

    mapping(bytes32 id => DocumentRecord) private _documents;

    /// @notice Emitted the first time a document commitment is anchored under `id`.
    event DocumentAnchored(bytes32 indexed id, bytes32 commitment, uint64 anchoredAt);

    /// @notice The id already holds a different commitment; anchors never change.
    error MedAnchorCommitmentMismatch(bytes32 id, bytes32 existing, bytes32 attempted);

    /// @notice A zero commitment would be indistinguishable from "never anchored".
    error MedAnchorEmptyCommitment(bytes32 id);

    /// @param admin Account that may grant and revoke roles.
    /// @param anchorer Account that may anchor (the worker's key); may equal `admin`.
    constructor(address admin, address anchorer) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ANCHORER_ROLE, anchorer);
    }

    /**
     * @notice Anchors a document commitment under `id`.
     * @dev Idempotent so a worker that retries after a crash cannot fail or double-write:
     * the same commitment again is a no-op; a different one reverts.
     * @param id Random identifier chosen off chain.
     * @param commitment keccak256(sha256(file) ‖ salt).
     */
    function anchorDocument(bytes32 id, bytes32 commitment) external onlyRole(ANCHORER_ROLE) {
        if (commitment == bytes32(0)) revert MedAnchorEmptyCommitment(id);
        DocumentRecord storage record = _documents[id];
        if (record.commitment == commitment) return;
        if (record.commitment != bytes32(0)) revert MedAnchorCommitmentMismatch(id, record.commitment, commitment);
        uint64 anchoredAt = uint64(block.timestamp);
        record.commitment = commitment;
        record.anchoredAt = anchoredAt;
        emit DocumentAnchored(id, commitment, anchoredAt);
    }

    /**
     * @notice Reads a document anchor.
     * @return commitment The anchored commitment, or zero when `id` was never anchored.
     * @return anchoredAt Block timestamp of the first anchoring, or zero.
     */
    function getDocument(bytes32 id) external view returns (bytes32 commitment, uint64 anchoredAt) {
        DocumentRecord storage record = _documents[id];
        return (record.commitment, record.anchoredAt);
    }
}
