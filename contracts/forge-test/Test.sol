// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @notice The few forge cheatcodes our tests use, at their fixed address.
 * @dev Declared here because npm's `forge-std` package is an old unofficial build that does not compile; the
 * signatures are forge's own, so forge recognises them.
 */
interface Vm {
    function prank(address sender) external;
    function warp(uint256 timestamp) external;
    function assume(bool condition) external pure;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(address emitter) external;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
}

/**
 * @notice A minimal test base: the cheatcode handle, bounded fuzz inputs and invariant targeting.
 * @dev forge treats `test*` functions as unit/fuzz tests, `invariant*` functions as invariants, and reads
 * `targetContracts()` to know which contracts the invariant fuzzer may call.
 */
abstract contract Test {
    /// @dev address(uint160(uint256(keccak256("hevm cheat code")))), where forge serves cheatcodes.
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    address[] private _targetContracts;

    /// @notice Lets the invariant fuzzer call `target` (only targets added here are called).
    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    /// @notice Read by forge's invariant runner.
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    /// @notice Maps any `value` into `[min, max]` without discarding runs (unlike `vm.assume`).
    function bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + (value % (max - min + 1));
    }
}
