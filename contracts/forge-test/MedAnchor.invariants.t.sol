// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {MedAnchor} from "../MedAnchor.sol";
import {Test, Vm} from "./Test.sol";

/**
 * @notice Drives MedAnchor with random writes from random actors (the anchorer, the admin, an outsider) over a
 * small pool of ids, commitments and windows, so repeats, conflicts and revocations happen often. It keeps a
 * model of what the contract should hold, updated only by the anchorer's successful calls, and counts every
 * outcome the model did not predict (a success it expected to fail, or a revert with other data).
 * @dev Never reverts itself (`fail_on_revert = true`): every call to MedAnchor is wrapped in try/catch.
 */
contract MedAnchorHandler {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
    uint256 internal constant POOL = 5;

    MedAnchor public immutable medAnchor;
    bytes32 public immutable anchorerRole;
    address public immutable anchorer;
    address[3] internal _actors;
    uint64 internal immutable _start;

    mapping(bytes32 id => bytes32) public modelDocumentCommitment;
    mapping(bytes32 id => uint64) public modelDocumentAnchoredAt;
    mapping(bytes32 root => uint32) public modelBatchCount;
    mapping(bytes32 id => MedAnchor.Grant) internal _modelGrants;
    mapping(bytes32 id => MedAnchor.Attestation) internal _modelAttestations;
    mapping(bytes32 id => bool) public everRevoked;

    /// @notice Outcomes that differed from the model's prediction; must stay zero.
    uint256 public unexpectedOutcomes;
    /// @notice Writes by an account without ANCHORER_ROLE that did not revert; must stay zero.
    uint256 public unauthorizedSuccesses;
    /// @notice Calls per kind, to see in a failing run what was exercised.
    uint256 public successfulWrites;

    constructor(MedAnchor target, address anchorer_, address admin, address outsider) {
        medAnchor = target;
        anchorerRole = target.ANCHORER_ROLE();
        anchorer = anchorer_;
        _actors = [anchorer_, admin, outsider];
        _start = uint64(block.timestamp);
    }

    // ---- actions the fuzzer calls ----

    function anchorDocument(uint256 actorSeed, uint256 idSeed, uint256 commitmentSeed) external {
        (address actor, bytes32 id, bytes32 commitment) = (_actor(actorSeed), idAt(idSeed), _commitment(commitmentSeed));
        bytes memory expected;
        bool changes;
        if (actor != anchorer) expected = _unauthorized(actor);
        else if (commitment == bytes32(0)) expected = abi.encodeWithSelector(MedAnchor.MedAnchorEmptyCommitment.selector, id);
        else if (modelDocumentCommitment[id] == bytes32(0)) changes = true;
        else if (modelDocumentCommitment[id] != commitment) {
            expected = abi.encodeWithSelector(MedAnchor.MedAnchorCommitmentMismatch.selector, id, bytes32(bytes24(modelDocumentCommitment[id])), commitment);
        }
        vm.prank(actor);
        try medAnchor.anchorDocument(id, commitment) {
            _succeeded(actor, expected);
            if (changes) (modelDocumentCommitment[id], modelDocumentAnchoredAt[id]) = (commitment, uint64(block.timestamp));
        } catch (bytes memory reason) {
            _reverted(expected, reason);
        }
    }

    function anchorBatch(uint256 actorSeed, uint256 rootSeed, uint256 countSeed) external {
        (address actor, bytes32 root) = (_actor(actorSeed), _commitment(rootSeed));
        uint32 count = uint32(countSeed % 3);
        bytes memory expected;
        bool changes;
        if (actor != anchorer) expected = _unauthorized(actor);
        else if (root == bytes32(0) || count == 0) expected = abi.encodeWithSelector(MedAnchor.MedAnchorInvalidBatch.selector, root, count);
        else if (modelBatchCount[root] == 0) changes = true;
        else if (modelBatchCount[root] != count) {
            expected = abi.encodeWithSelector(MedAnchor.MedAnchorBatchMismatch.selector, root, modelBatchCount[root], count);
        }
        vm.prank(actor);
        try medAnchor.anchorBatch(root, count) {
            _succeeded(actor, expected);
            if (changes) modelBatchCount[root] = count;
        } catch (bytes memory reason) {
            _reverted(expected, reason);
        }
    }

    function setGrant(uint256 actorSeed, uint256 idSeed, uint256 commitmentSeed, uint256 windowSeed) external {
        (address actor, bytes32 id, bytes32 commitment) = (_actor(actorSeed), idAt(idSeed), _commitment(commitmentSeed));
        (uint64 notBefore, uint64 notAfter) = _window(windowSeed);
        MedAnchor.Grant storage model = _modelGrants[id];
        bytes memory expected;
        bool changes;
        if (actor != anchorer) expected = _unauthorized(actor);
        else if (commitment == bytes32(0)) expected = abi.encodeWithSelector(MedAnchor.MedAnchorEmptyCommitment.selector, id);
        else if (notAfter <= notBefore) expected = abi.encodeWithSelector(MedAnchor.MedAnchorInvalidGrantWindow.selector, id, notBefore, notAfter);
        else if (model.revokedAt != 0) expected = abi.encodeWithSelector(MedAnchor.MedAnchorGrantRevoked.selector, id, model.revokedAt);
        else if (model.setAt == 0) changes = true;
        else if (model.commitment != commitment || model.notBefore != notBefore || model.notAfter != notAfter) {
            expected = abi.encodeWithSelector(MedAnchor.MedAnchorGrantMismatch.selector, id);
        }
        vm.prank(actor);
        try medAnchor.setGrant(id, commitment, notBefore, notAfter) {
            _succeeded(actor, expected);
            if (changes) (model.commitment, model.notBefore, model.notAfter, model.setAt) = (commitment, notBefore, notAfter, uint64(block.timestamp));
        } catch (bytes memory reason) {
            _reverted(expected, reason);
        }
    }

    function revokeGrant(uint256 actorSeed, uint256 idSeed) external {
        (address actor, bytes32 id) = (_actor(actorSeed), idAt(idSeed));
        MedAnchor.Grant storage model = _modelGrants[id];
        bytes memory expected;
        if (actor != anchorer) expected = _unauthorized(actor);
        else if (model.setAt == 0) expected = abi.encodeWithSelector(MedAnchor.MedAnchorGrantNotFound.selector, id);
        bool changes = expected.length == 0 && model.revokedAt == 0;
        vm.prank(actor);
        try medAnchor.revokeGrant(id) {
            _succeeded(actor, expected);
            if (changes) (model.revokedAt, everRevoked[id]) = (uint64(block.timestamp), true);
        } catch (bytes memory reason) {
            _reverted(expected, reason);
        }
    }

    function attestDoctor(uint256 actorSeed, uint256 idSeed, uint256 commitmentSeed, uint256 validitySeed) external {
        (address actor, bytes32 id, bytes32 commitment) = (_actor(actorSeed), idAt(idSeed), _commitment(commitmentSeed));
        uint64 validUntil = validitySeed % 4 == 0 ? 0 : _start + uint64(validitySeed % 4) * 1 days;
        MedAnchor.Attestation storage model = _modelAttestations[id];
        bytes memory expected;
        bool changes;
        if (actor != anchorer) expected = _unauthorized(actor);
        else if (commitment == bytes32(0)) expected = abi.encodeWithSelector(MedAnchor.MedAnchorEmptyCommitment.selector, id);
        else if (validUntil == 0) expected = abi.encodeWithSelector(MedAnchor.MedAnchorInvalidValidity.selector, id, validUntil);
        else if (model.revokedAt != 0) expected = abi.encodeWithSelector(MedAnchor.MedAnchorAttestationRevoked.selector, id, model.revokedAt);
        else if (model.attestedAt == 0) changes = true;
        else if (model.commitment != commitment || model.validUntil != validUntil) {
            expected = abi.encodeWithSelector(MedAnchor.MedAnchorAttestationMismatch.selector, id);
        }
        vm.prank(actor);
        try medAnchor.attestDoctor(id, commitment, validUntil) {
            _succeeded(actor, expected);
            if (changes) (model.commitment, model.validUntil, model.attestedAt) = (commitment, validUntil, uint64(block.timestamp));
        } catch (bytes memory reason) {
            _reverted(expected, reason);
        }
    }

    function revokeAttestation(uint256 actorSeed, uint256 idSeed) external {
        (address actor, bytes32 id) = (_actor(actorSeed), idAt(idSeed));
        MedAnchor.Attestation storage model = _modelAttestations[id];
        bytes memory expected;
        if (actor != anchorer) expected = _unauthorized(actor);
        else if (model.attestedAt == 0) expected = abi.encodeWithSelector(MedAnchor.MedAnchorAttestationNotFound.selector, id);
        bool changes = expected.length == 0 && model.revokedAt == 0;
        vm.prank(actor);
        try medAnchor.revokeAttestation(id) {
            _succeeded(actor, expected);
            if (changes) model.revokedAt = uint64(block.timestamp);
        } catch (bytes memory reason) {
            _reverted(expected, reason);
        }
    }

    /// @notice Moves time on by up to half a day, so windows open, close and expire during a run.
    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + (secondsSeed % 12 hours));
    }

    // ---- what the invariants read ----

    /// @notice The i-th id of the pool (ids are shared by documents, grants and attestations).
    function idAt(uint256 seed) public pure returns (bytes32) {
        return keccak256(abi.encode("id", seed % POOL));
    }

    /// @notice Size of the id and commitment pools.
    function poolSize() external pure returns (uint256) {
        return POOL;
    }

    /// @notice The commitment, root or zero for a pool index (index 0 is zero, to exercise the empty checks).
    function commitmentAt(uint256 seed) external pure returns (bytes32) {
        return _commitment(seed);
    }

    function modelGrant(bytes32 id) external view returns (MedAnchor.Grant memory) {
        return _modelGrants[id];
    }

    function modelAttestation(bytes32 id) external view returns (MedAnchor.Attestation memory) {
        return _modelAttestations[id];
    }

    // ---- helpers ----

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _commitment(uint256 seed) private pure returns (bytes32) {
        uint256 index = seed % POOL;
        return index == 0 ? bytes32(0) : keccak256(abi.encode("commitment", index));
    }

    /// @dev Three windows around the start time: two valid and overlapping, one empty.
    function _window(uint256 seed) private view returns (uint64 notBefore, uint64 notAfter) {
        uint256 choice = seed % 3;
        if (choice == 0) return (_start, _start + 1 days);
        if (choice == 1) return (_start + 6 hours, _start + 2 days);
        return (_start + 1 days, _start + 1 days);
    }

    function _unauthorized(address actor) private view returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, actor, anchorerRole);
    }

    function _succeeded(address actor, bytes memory expected) private {
        if (actor != anchorer) unauthorizedSuccesses += 1;
        if (expected.length != 0) unexpectedOutcomes += 1;
        else successfulWrites += 1;
    }

    function _reverted(bytes memory expected, bytes memory reason) private {
        if (expected.length == 0 || keccak256(reason) != keccak256(expected)) unexpectedOutcomes += 1;
    }
}

/// @notice Handler-based invariants: the contract always equals the model only the anchorer can move.
contract MedAnchorInvariantTest is Test {
    MedAnchor internal medAnchor;
    MedAnchorHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        medAnchor = new MedAnchor(address(0xA11CE), address(0xA7C402));
        handler = new MedAnchorHandler(medAnchor, address(0xA7C402), address(0xA11CE), address(0x0BAD));
        targetContract(address(handler));
    }

    /// @notice A document's commitment and anchor time, once anchored, never change.
    function invariant_AnchoredCommitmentNeverChanges() public view {
        for (uint256 i = 0; i < handler.poolSize(); i++) {
            bytes32 id = handler.idAt(i);
            (bytes24 head, uint64 anchoredAt) = medAnchor.getDocument(id);
            vm.assertEq(bytes32(head), bytes32(bytes24(handler.modelDocumentCommitment(id))), "document commitment head");
            vm.assertEq(anchoredAt, handler.modelDocumentAnchoredAt(id), "document anchoredAt");
        }
    }

    /// @notice Only the anchorer changes state: no other account's write succeeded, every outcome was the
    /// predicted one, and all records equal the model that only the anchorer's writes moved.
    function invariant_OnlyAnchorerChangesState() public view {
        vm.assertEq(handler.unauthorizedSuccesses(), 0, "a write without ANCHORER_ROLE succeeded");
        vm.assertEq(handler.unexpectedOutcomes(), 0, "an outcome differed from the model");
        for (uint256 i = 0; i < handler.poolSize(); i++) {
            bytes32 id = handler.idAt(i);
            (MedAnchor.Grant memory grant, ) = medAnchor.getGrant(id);
            MedAnchor.Grant memory expectedGrant = handler.modelGrant(id);
            vm.assertEq(keccak256(abi.encode(grant)), keccak256(abi.encode(expectedGrant)), "grant");
            (MedAnchor.Attestation memory attestation, ) = medAnchor.getAttestation(id);
            MedAnchor.Attestation memory expectedAttestation = handler.modelAttestation(id);
            vm.assertEq(keccak256(abi.encode(attestation)), keccak256(abi.encode(expectedAttestation)), "attestation");
            bytes32 root = handler.commitmentAt(i);
            (uint32 count, ) = medAnchor.getBatch(root);
            vm.assertEq(count, handler.modelBatchCount(root), "batch count");
        }
    }

    /// @notice A revoked grant stays revoked and is never active again, whatever the time.
    function invariant_RevokedGrantNeverActiveAgain() public view {
        for (uint256 i = 0; i < handler.poolSize(); i++) {
            bytes32 id = handler.idAt(i);
            if (!handler.everRevoked(id)) continue;
            (, MedAnchor.GrantState state) = medAnchor.getGrant(id);
            vm.assertEq(uint256(state), uint256(MedAnchor.GrantState.Revoked), "state of a revoked grant");
            vm.assertFalse(medAnchor.isGrantActive(id), "a revoked grant is active");
        }
    }
}
