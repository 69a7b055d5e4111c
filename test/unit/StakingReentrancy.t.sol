// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../../src/Roles.sol";
import {Slasher} from "../../src/Slasher.sol";
import {StakeManager} from "../../src/StakeManager.sol";
import {IDaimmToken} from "../../src/interfaces/IDaimmToken.sol";
import {ISlasherTypes} from "../../src/interfaces/ISlasher.sol";
import {IStakeManager} from "../../src/interfaces/IStakeManager.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Calls the sender before and the recipient after every transfer, as ERC-777 hooks would.
contract HookToken is ERC20 {
    constructor() ERC20("Hook", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev Hooks are best effort, as with ERC-777 receivers that may not implement them: failures are ignored.
    function _update(address from, address to, uint256 value) internal override {
        _hook(from);
        super._update(from, to, value);
        _hook(to);
    }

    function _hook(address account) private {
        if (account.code.length == 0) return;
        // slither-disable-next-line unchecked-lowlevel
        (bool ok,) = account.call(abi.encodeCall(ReentrantActor.onToken, ()));
        ok; // a holder without the hook is fine
    }
}

/// @dev Re-enters `target` with `reentry` from every token hook and records how the re-entry ended.
contract ReentrantActor {
    address public target;
    bytes public reentry;
    bytes public lastRevert;
    uint256 public reentries;

    function arm(address target_, bytes calldata reentry_) external {
        target = target_;
        reentry = reentry_;
    }

    function execute(address to, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory result) = to.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    function onToken() external {
        if (target == address(0)) return;
        ++reentries;
        (bool ok, bytes memory result) = target.call(reentry);
        if (!ok) lastRevert = result;
        else lastRevert = "";
    }
}

/// @notice DAIMM has no transfer hooks, so nothing can re-enter the staking modules through the real token. These
/// tests deploy the modules over a token that calls hooks on both ends of every transfer, and show that every path
/// that moves tokens refuses re-entry, and that state stays consistent because effects come before transfers.
/// @dev The modules are built for DaimmToken, so this suite wires them by hand rather than through DeployProtocol.
contract StakingReentrancyTest is Test {
    HookToken internal token;
    AccessManager internal manager;
    StakeManager internal stakeManager;
    Slasher internal slasher;
    ReentrantActor internal attacker;
    address internal honest = makeAddr("honest");

    function setUp() public {
        vm.warp(1_800_000_000);
        token = new HookToken();
        manager = new AccessManager(address(this));
        StakeManager stakeImplementation = new StakeManager(IDaimmToken(address(token)));
        stakeManager = StakeManager(
            address(
                new ERC1967Proxy(
                    address(stakeImplementation),
                    abi.encodeCall(StakeManager.initialize, (address(manager), 30 days, 1, 1))
                )
            )
        );
        ISlasherTypes.Settings memory settings = ISlasherTypes.Settings({
            treasury: address(this),
            rewardPool: address(this),
            challengeBond: 10 ether,
            challengeWindow: 10 days,
            escrowPeriod: 10 days,
            slashShareBps: [uint16(100), 100, 5000, 5000, 5000],
            split: ISlasherTypes.ReleaseSplit(2500, 2500, 2500, 2500)
        });
        Slasher slasherImplementation = new Slasher(IDaimmToken(address(token)), IStakeManager(address(stakeManager)));
        slasher = Slasher(
            address(
                new ERC1967Proxy(
                    address(slasherImplementation), abi.encodeCall(Slasher.initialize, (address(manager), settings))
                )
            )
        );
        stakeManager.setSlasher(address(slasher));
        bytes4[] memory selectors = new bytes4[](3);
        selectors[0] = StakeManager.slash.selector;
        selectors[1] = StakeManager.hold.selector;
        selectors[2] = StakeManager.releaseHold.selector;
        manager.setTargetFunctionRole(address(stakeManager), selectors, Roles.SLASHER);
        manager.grantRole(Roles.SLASHER, address(slasher), 0);

        attacker = new ReentrantActor();
        token.mint(address(attacker), 1000 ether);
        token.mint(honest, 1000 ether);
        attacker.execute(address(token), abi.encodeCall(token.approve, (address(stakeManager), type(uint256).max)));
        attacker.execute(address(token), abi.encodeCall(token.approve, (address(slasher), type(uint256).max)));
        vm.startPrank(honest);
        token.approve(address(stakeManager), type(uint256).max);
        token.approve(address(slasher), type(uint256).max);
        vm.stopPrank();
    }

    function _assertReentryBlocked() internal view {
        assertGt(attacker.reentries(), 0, "the hook ran");
        assertEq(
            attacker.lastRevert(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
    }

    function test_withdraw_refusesReentryFromRecipientHook() public {
        attacker.execute(address(stakeManager), abi.encodeCall(stakeManager.stake, (100 ether)));
        attacker.execute(address(stakeManager), abi.encodeCall(stakeManager.requestUnstake, (40 ether)));
        attacker.execute(address(stakeManager), abi.encodeCall(stakeManager.requestUnstake, (60 ether)));
        vm.warp(block.timestamp + 30 days);

        attacker.arm(address(stakeManager), abi.encodeCall(stakeManager.withdraw, ()));
        attacker.execute(address(stakeManager), abi.encodeCall(stakeManager.withdraw, ()));
        _assertReentryBlocked();
        assertEq(token.balanceOf(address(attacker)), 1000 ether, "paid once");
        assertEq(token.balanceOf(address(stakeManager)), 0);
        assertEq(stakeManager.unbondingOf(address(attacker)), 0);
    }

    function test_stake_refusesReentryFromSenderHook() public {
        attacker.arm(address(stakeManager), abi.encodeCall(stakeManager.stake, (1 ether)));
        attacker.execute(address(stakeManager), abi.encodeCall(stakeManager.stake, (100 ether)));
        _assertReentryBlocked();
        assertEq(stakeManager.stakeOf(address(attacker)), 100 ether);
        assertEq(token.balanceOf(address(stakeManager)), 100 ether);
    }

    function test_expireChallenge_refusesReentryFromRefundHook() public {
        vm.prank(honest);
        stakeManager.stake(100 ether);
        _commitAndOpen(honest, ISlasherTypes.OffenceKind.Collusion, hex"01");
        vm.warp(block.timestamp + 10 days + 1);

        // Re-entering to expire the same challenge again would pay the bond twice.
        attacker.arm(address(slasher), abi.encodeCall(slasher.expireChallenge, (1)));
        slasher.expireChallenge(1);
        _assertReentryBlocked();
        assertEq(token.balanceOf(address(attacker)), 1000 ether);
        assertEq(token.balanceOf(address(slasher)), 0);
        assertEq(slasher.totalBonds(), 0);
    }

    function test_releaseSlash_refusesReentryFromChallengerHook() public {
        vm.prank(honest);
        stakeManager.stake(100 ether);
        _commitAndOpen(honest, ISlasherTypes.OffenceKind.Collusion, hex"01");
        slasher.upholdChallenge(1); // this test contract is the admin, which may call every restricted function
        vm.warp(block.timestamp + 10 days);

        attacker.arm(address(slasher), abi.encodeCall(slasher.releaseSlash, (1)));
        slasher.releaseSlash(1);
        _assertReentryBlocked();
        assertEq(token.balanceOf(address(attacker)), 1000 ether + 50 ether / 4, "bond back plus one bounty");
        assertEq(token.balanceOf(address(slasher)), 0);
    }

    /// @dev The attacker commits to a challenge, waits a block, and opens it.
    function _commitAndOpen(address accused, ISlasherTypes.OffenceKind kind, bytes memory evidence) private {
        bytes32 commitment = slasher.challengeCommitmentOf(address(attacker), accused, kind, evidence, bytes32(0));
        attacker.execute(address(slasher), abi.encodeCall(slasher.commitChallenge, (commitment)));
        vm.roll(block.number + 1);
        attacker.execute(address(slasher), abi.encodeCall(slasher.openChallenge, (accused, kind, evidence, bytes32(0))));
    }
}
