// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmGovernor} from "../../../src/DaimmGovernor.sol";
import {DaimmModule} from "../../../src/DaimmModule.sol";
import {DaimmToken} from "../../../src/DaimmToken.sol";
import {Marketplace} from "../../../src/Marketplace.sol";
import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {RoyaltySplitter} from "../../../src/RoyaltySplitter.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Tries every privileged function of the protocol from accounts that hold no role allowing it: the
/// deployer after renouncing, the guardian, users. Calls are wrapped in try/catch so the handler never reverts;
/// any call that succeeds is counted in `ghost_unauthorizedSuccesses`.
contract AccessHandler is CommonBase, StdUtils {
    AccessManager public immutable accessManager;
    TimelockController public immutable timelock;
    DaimmGovernor public immutable governor;
    DaimmToken public immutable token;
    ModelRegistry public immutable registry;
    RoyaltySplitter public immutable splitter;
    Marketplace public immutable market;
    address public immutable guardian;

    address[] public actors;
    address[] private _targets;
    uint256 public ghost_attempts;
    uint256 public ghost_unauthorizedSuccesses;

    address private _actor;

    modifier useActor(uint256 seed) {
        _actor = actors[bound(seed, 0, actors.length - 1)];
        ghost_attempts++;
        vm.startPrank(_actor);
        _;
        vm.stopPrank();
    }

    constructor(
        AccessManager accessManager_,
        TimelockController timelock_,
        DaimmGovernor governor_,
        DaimmToken token_,
        ModelRegistry registry_,
        RoyaltySplitter splitter_,
        Marketplace market_,
        address guardian_,
        address[] memory actors_
    ) {
        accessManager = accessManager_;
        timelock = timelock_;
        governor = governor_;
        token = token_;
        registry = registry_;
        splitter = splitter_;
        market = market_;
        guardian = guardian_;
        actors = actors_;
        _targets = [
            address(accessManager_),
            address(timelock_),
            address(governor_),
            address(token_),
            address(registry_),
            address(splitter_),
            address(market_)
        ];
    }

    function _success() private {
        ghost_unauthorizedSuccesses++;
    }

    function _target(uint256 seed) private view returns (address) {
        return _targets[bound(seed, 0, _targets.length - 1)];
    }

    function _role(uint64 seed) private pure returns (uint64) {
        // Mostly the protocol's roles (0..4), sometimes any id.
        return seed % 4 == 0 ? seed : seed % 5;
    }

    /*//////////////////////////////////////////////////////////////
                             ACCESS MANAGER
    //////////////////////////////////////////////////////////////*/

    function grantRole(uint256 actorSeed, uint64 role, address account, uint32 delay) external useActor(actorSeed) {
        try accessManager.grantRole(_role(role), account, delay) {
            _success();
        } catch {}
    }

    function revokeRole(uint256 actorSeed, uint64 role, uint256 accountSeed) external useActor(actorSeed) {
        address account = accountSeed % 2 == 0 ? address(timelock) : actors[bound(accountSeed, 0, actors.length - 1)];
        try accessManager.revokeRole(_role(role), account) {
            _success();
        } catch {}
    }

    function setRoleAdmin(uint256 actorSeed, uint64 role, uint64 admin) external useActor(actorSeed) {
        try accessManager.setRoleAdmin(_role(role), _role(admin)) {
            _success();
        } catch {}
    }

    function setGrantDelay(uint256 actorSeed, uint64 role, uint32 delay) external useActor(actorSeed) {
        try accessManager.setGrantDelay(_role(role), delay) {
            _success();
        } catch {}
    }

    function setTargetFunctionRole(uint256 actorSeed, uint256 targetSeed, bytes4 selector, uint64 role)
        external
        useActor(actorSeed)
    {
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = selector;
        try accessManager.setTargetFunctionRole(_target(targetSeed), selectors, _role(role)) {
            _success();
        } catch {}
    }

    function setTargetClosed(uint256 actorSeed, uint256 targetSeed, bool closed) external useActor(actorSeed) {
        try accessManager.setTargetClosed(_target(targetSeed), closed) {
            _success();
        } catch {}
    }

    function executeThroughManager(uint256 actorSeed, uint64 role) external useActor(actorSeed) {
        bytes memory data = abi.encodeCall(AccessManager.grantRole, (_role(role), _actor, 0));
        try accessManager.execute(address(accessManager), data) {
            _success();
        } catch {}
    }

    /*//////////////////////////////////////////////////////////////
                                TIMELOCK
    //////////////////////////////////////////////////////////////*/

    function schedule(uint256 actorSeed, uint256 targetSeed, bytes calldata data, uint256 delay)
        external
        useActor(actorSeed)
    {
        delay = bound(delay, timelock.getMinDelay(), 365 days);
        try timelock.schedule(_target(targetSeed), 0, data, bytes32(0), bytes32(0), delay) {
            _success();
        } catch {}
    }

    function updateDelay(uint256 actorSeed, uint256 delay) external useActor(actorSeed) {
        try timelock.updateDelay(delay) {
            _success();
        } catch {}
    }

    function grantTimelockRole(uint256 actorSeed, uint256 roleSeed) external useActor(actorSeed) {
        bytes32[4] memory roles = [
            timelock.DEFAULT_ADMIN_ROLE(), timelock.PROPOSER_ROLE(), timelock.CANCELLER_ROLE(), timelock.EXECUTOR_ROLE()
        ];
        try timelock.grantRole(roles[roleSeed % 4], _actor) {
            _success();
        } catch {}
    }

    /*//////////////////////////////////////////////////////////////
                                GOVERNOR
    //////////////////////////////////////////////////////////////*/

    function setVotingDelay(uint256 actorSeed, uint48 value) external useActor(actorSeed) {
        try governor.setVotingDelay(value) {
            _success();
        } catch {}
    }

    function setVotingPeriod(uint256 actorSeed, uint32 value) external useActor(actorSeed) {
        try governor.setVotingPeriod(value) {
            _success();
        } catch {}
    }

    function setProposalThreshold(uint256 actorSeed, uint256 value) external useActor(actorSeed) {
        try governor.setProposalThreshold(value) {
            _success();
        } catch {}
    }

    function updateQuorumNumerator(uint256 actorSeed, uint256 value) external useActor(actorSeed) {
        try governor.updateQuorumNumerator(bound(value, 0, 100)) {
            _success();
        } catch {}
    }

    function updateTimelock(uint256 actorSeed) external useActor(actorSeed) {
        try governor.updateTimelock(TimelockController(payable(_actor))) {
            _success();
        } catch {}
    }

    function relayTreasury(uint256 actorSeed, uint256 amount) external useActor(actorSeed) {
        bytes memory data = abi.encodeCall(token.transfer, (_actor, amount));
        try governor.relay(address(token), 0, data) {
            _success();
        } catch {}
    }

    /*//////////////////////////////////////////////////////////////
                                MODULES
    //////////////////////////////////////////////////////////////*/

    function _module(uint256 seed) private view returns (DaimmModule) {
        uint256 i = seed % 3;
        return i == 0 ? DaimmModule(address(registry)) : i == 1 ? DaimmModule(address(splitter)) : market;
    }

    /// @dev Pausing is the guardian's; every other actor must fail.
    function pauseModule(uint256 actorSeed, uint256 moduleSeed) external useActor(actorSeed) {
        try _module(moduleSeed).pause() {
            if (_actor != guardian) _success();
        } catch {}
    }

    function unpauseModule(uint256 actorSeed, uint256 moduleSeed) external useActor(actorSeed) {
        try _module(moduleSeed).unpause() {
            _success();
        } catch {}
    }

    function upgradeModule(uint256 actorSeed, uint256 moduleSeed) external useActor(actorSeed) {
        try _module(moduleSeed).upgradeToAndCall(address(token), "") {
            _success();
        } catch {}
    }

    function setFlagged(uint256 actorSeed, uint256 id, bool flagged) external useActor(actorSeed) {
        try registry.setFlagged(id, flagged) {
            _success();
        } catch {}
    }

    function recordEvaluation(uint256 actorSeed, uint256 id, uint8 score) external useActor(actorSeed) {
        try registry.recordEvaluation(id, 1, bytes32(0), score) {
            _success();
        } catch {}
    }

    function setRoyaltyRate(uint256 actorSeed, uint16 bps) external useActor(actorSeed) {
        try registry.setRoyaltyRate(bps) {
            _success();
        } catch {}
    }

    function setMaxCommitAge(uint256 actorSeed, uint32 age) external useActor(actorSeed) {
        try registry.setMaxCommitAge(age) {
            _success();
        } catch {}
    }

    function setRoyaltySplitter(uint256 actorSeed, address splitter_) external useActor(actorSeed) {
        try registry.setRoyaltySplitter(splitter_) {
            _success();
        } catch {}
    }

    function setUpstream(uint256 actorSeed, uint16 bps, uint8 depth) external useActor(actorSeed) {
        try splitter.setUpstream(bps, depth) {
            _success();
        } catch {}
    }

    function setMarketplace(uint256 actorSeed) external useActor(actorSeed) {
        try splitter.setMarketplace(_actor) {
            _success();
        } catch {}
    }

    /// @dev Only the Marketplace may credit pushed payments: anyone else would mint claims from nothing.
    function creditPushed(uint256 actorSeed, uint256 modelId, uint256 amount) external useActor(actorSeed) {
        try splitter.creditPushed(modelId, address(token), amount, amount, _actor) {
            _success();
        } catch {}
    }

    function setProtocolFee(uint256 actorSeed, uint16 bps) external useActor(actorSeed) {
        try market.setProtocolFee(bps) {
            _success();
        } catch {}
    }

    function setTreasury(uint256 actorSeed) external useActor(actorSeed) {
        try market.setTreasury(_actor) {
            _success();
        } catch {}
    }
}
