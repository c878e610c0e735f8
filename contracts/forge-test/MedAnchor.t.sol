// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {MedAnchor} from "../MedAnchor.sol";
import {Test} from "./Test.sol";

/// @notice Unit and fuzz tests of MedAnchor's writes, views and boundaries.
contract MedAnchorTest is Test {
    event DocumentAnchored(bytes32 indexed id, bytes32 commitment, uint64 anchoredAt);
    event GrantSet(bytes32 indexed id, bytes32 commitment, uint64 notBefore, uint64 notAfter, uint64 setAt);
    event GrantRevoked(bytes32 indexed id, uint64 revokedAt);

    address internal constant ADMIN = address(0xA11CE);
    address internal constant ANCHORER = address(0xA7C402);

    MedAnchor internal medAnchor;
    bytes32 internal anchorerRole;

    function setUp() public {
        medAnchor = new MedAnchor(ADMIN, ANCHORER);
        // Read before any prank: a prank would otherwise be spent on this call.
        anchorerRole = medAnchor.ANCHORER_ROLE();
        vm.warp(1_700_000_000);
    }

    function test_AnchorDocumentStoresAndEmits() public {
        vm.expectEmit(address(medAnchor));
        emit DocumentAnchored(bytes32("id"), bytes32("c"), 1_700_000_000);
        vm.prank(ANCHORER);
        medAnchor.anchorDocument(bytes32("id"), bytes32("c"));
        (bytes24 head, uint64 anchoredAt) = medAnchor.getDocument(bytes32("id"));
        vm.assertEq(bytes32(head), bytes32(bytes24(bytes32("c"))), "commitment head");
        (bool matches,) = medAnchor.documentMatches(bytes32("id"), bytes32("c"));
        vm.assertEq(matches, true, "documentMatches");
        vm.assertEq(anchoredAt, 1_700_000_000, "anchoredAt");
    }

    function test_AdminIsNotAnchorer() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, ADMIN, anchorerRole));
        vm.prank(ADMIN);
        medAnchor.anchorDocument(bytes32("id"), bytes32("c"));
    }

    function test_GrantLifecycle() public {
        vm.expectEmit(address(medAnchor));
        emit GrantSet(bytes32("g"), bytes32("c"), 1_700_000_100, 1_700_000_200, 1_700_000_000);
        vm.prank(ANCHORER);
        medAnchor.setGrant(bytes32("g"), bytes32("c"), 1_700_000_100, 1_700_000_200);
        _assertGrantState(bytes32("g"), MedAnchor.GrantState.Scheduled);

        vm.warp(1_700_000_100);
        _assertGrantState(bytes32("g"), MedAnchor.GrantState.Active);

        vm.expectEmit(address(medAnchor));
        emit GrantRevoked(bytes32("g"), 1_700_000_100);
        vm.prank(ANCHORER);
        medAnchor.revokeGrant(bytes32("g"));
        _assertGrantState(bytes32("g"), MedAnchor.GrantState.Revoked);

        vm.expectRevert(abi.encodeWithSelector(MedAnchor.MedAnchorGrantRevoked.selector, bytes32("g"), uint64(1_700_000_100)));
        vm.prank(ANCHORER);
        medAnchor.setGrant(bytes32("g"), bytes32("c"), 1_700_000_100, 1_700_000_200);
    }

    function test_RevokeUnknownGrantReverts() public {
        vm.expectRevert(abi.encodeWithSelector(MedAnchor.MedAnchorGrantNotFound.selector, bytes32("nope")));
        vm.prank(ANCHORER);
        medAnchor.revokeGrant(bytes32("nope"));
    }

    function test_AttestationExpiresAtValidUntil() public {
        vm.prank(ANCHORER);
        medAnchor.attestDoctor(bytes32("a"), bytes32("c"), 1_700_000_050);
        vm.warp(1_700_000_049);
        vm.assertTrue(medAnchor.isAttestationValid(bytes32("a")), "valid one second before validUntil");
        vm.warp(1_700_000_050);
        vm.assertFalse(medAnchor.isAttestationValid(bytes32("a")), "invalid at validUntil");
        (, MedAnchor.AttestationState state) = medAnchor.getAttestation(bytes32("a"));
        vm.assertEq(uint256(state), uint256(MedAnchor.AttestationState.Expired), "state");
    }

    /// @notice Anyone without ANCHORER_ROLE is rejected on every write, with the role in the error.
    function testFuzz_OnlyAnchorerWrites(address caller, bytes32 id, bytes32 commitment) public {
        vm.assume(caller != ANCHORER && commitment != bytes32(0));
        bytes memory unauthorized = abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, anchorerRole);
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        medAnchor.anchorDocument(id, commitment);
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        medAnchor.anchorBatch(commitment, 1);
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        medAnchor.setGrant(id, commitment, 1, 2);
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        medAnchor.revokeGrant(id);
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        medAnchor.attestDoctor(id, commitment, 1);
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        medAnchor.revokeAttestation(id);
    }

    /// @notice Re-anchoring is a no-op, later and repeatedly; a different commitment reverts with both values.
    function testFuzz_AnchoredCommitmentNeverChanges(bytes32 id, bytes32 first, bytes32 second, uint32 later) public {
        // Commitments are stored by their first 24 bytes (one slot): different heads are different commitments.
        vm.assume(first != bytes32(0) && second != bytes32(0) && bytes24(first) != bytes24(second));
        vm.prank(ANCHORER);
        medAnchor.anchorDocument(id, first);
        vm.warp(block.timestamp + later);
        vm.prank(ANCHORER);
        medAnchor.anchorDocument(id, first);
        vm.expectRevert(abi.encodeWithSelector(MedAnchor.MedAnchorCommitmentMismatch.selector, id, bytes32(bytes24(first)), second));
        vm.prank(ANCHORER);
        medAnchor.anchorDocument(id, second);
        (bytes24 head, uint64 anchoredAt) = medAnchor.getDocument(id);
        vm.assertEq(bytes32(head), bytes32(bytes24(first)), "commitment head");
        vm.assertEq(anchoredAt, 1_700_000_000, "anchoredAt");
    }

    /// @notice Active exactly on [notBefore, notAfter), for any window and probe time.
    function testFuzz_GrantWindowIsHalfOpen(bytes32 id, uint64 notBefore, uint64 length, uint64 probe) public {
        notBefore = uint64(bound(notBefore, 1, type(uint32).max));
        length = uint64(bound(length, 1, type(uint32).max));
        uint64 notAfter = notBefore + length;
        probe = uint64(bound(probe, 1, uint256(notAfter) + 10));
        vm.prank(ANCHORER);
        medAnchor.setGrant(id, bytes32("terms"), notBefore, notAfter);
        vm.warp(probe);
        vm.assertEq(medAnchor.isGrantActive(id), notBefore <= probe && probe < notAfter, "active iff notBefore <= now < notAfter");
    }

    /// @notice An empty or inverted window is rejected with its bounds.
    function testFuzz_GrantWindowMustBeNonEmpty(bytes32 id, uint64 notBefore, uint64 notAfter) public {
        vm.assume(notAfter <= notBefore);
        vm.expectRevert(abi.encodeWithSelector(MedAnchor.MedAnchorInvalidGrantWindow.selector, id, notBefore, notAfter));
        vm.prank(ANCHORER);
        medAnchor.setGrant(id, bytes32("terms"), notBefore, notAfter);
    }

    /// @notice Any change to a set grant's terms or window reverts; the stored grant stays as first set.
    function testFuzz_GrantNeverChanges(bytes32 id, bytes32 commitment, uint64 notBefore, uint64 notAfter, uint8 field) public {
        vm.assume(commitment != bytes32(0) && notBefore < type(uint64).max - 1);
        notAfter = uint64(bound(notAfter, uint256(notBefore) + 1, uint256(type(uint64).max) - 1));
        vm.prank(ANCHORER);
        medAnchor.setGrant(id, commitment, notBefore, notAfter);
        vm.prank(ANCHORER);
        medAnchor.setGrant(id, commitment, notBefore, notAfter);

        field = field % 2;
        bytes32 otherCommitment = field == 0 ? ~commitment : commitment;
        uint64 otherNotAfter = field == 1 ? notAfter + 1 : notAfter;
        vm.expectRevert(abi.encodeWithSelector(MedAnchor.MedAnchorGrantMismatch.selector, id));
        vm.prank(ANCHORER);
        medAnchor.setGrant(id, otherCommitment, notBefore, otherNotAfter);
        (MedAnchor.Grant memory grant, ) = medAnchor.getGrant(id);
        vm.assertEq(grant.commitment, commitment, "commitment");
        vm.assertEq(grant.notAfter, notAfter, "notAfter");
    }

    /// @notice A two-leaf tree built from batchLeaf verifies both leaves and rejects a foreign one.
    function testFuzz_BatchInclusion(bytes32 idA, bytes32 idB, bytes32 commitment, bytes32 foreign) public {
        bytes32 leafA = medAnchor.batchLeaf(idA, commitment);
        bytes32 leafB = medAnchor.batchLeaf(idB, commitment);
        vm.assume(leafA != leafB && foreign != leafA && foreign != leafB);
        bytes32 root = leafA < leafB ? keccak256(abi.encode(leafA, leafB)) : keccak256(abi.encode(leafB, leafA));
        bytes32[] memory proof = new bytes32[](1);

        proof[0] = leafB;
        vm.assertFalse(medAnchor.verifyBatchInclusion(root, leafA, proof), "not anchored yet");
        vm.prank(ANCHORER);
        medAnchor.anchorBatch(root, 2);
        vm.assertTrue(medAnchor.verifyBatchInclusion(root, leafA, proof), "leaf A");
        vm.assertFalse(medAnchor.verifyBatchInclusion(root, foreign, proof), "foreign leaf");
        proof[0] = leafA;
        vm.assertTrue(medAnchor.verifyBatchInclusion(root, leafB, proof), "leaf B");
    }

    function _assertGrantState(bytes32 id, MedAnchor.GrantState expected) private view {
        (, MedAnchor.GrantState state) = medAnchor.getGrant(id);
        vm.assertEq(uint256(state), uint256(expected), "grant state");
        vm.assertEq(medAnchor.isGrantActive(id), expected == MedAnchor.GrantState.Active, "isGrantActive");
    }
}
