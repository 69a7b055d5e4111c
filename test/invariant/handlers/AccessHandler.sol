// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmGovernor} from "../../../src/DaimmGovernor.sol";
import {DaimmModule} from "../../../src/DaimmModule.sol";
import {DaimmToken} from "../../../src/DaimmToken.sol";
import {Marketplace} from "../../../src/Marketplace.sol";
import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {RoyaltySplitter} from "../../../src/RoyaltySplitter.sol";
import {Slasher} from "../../../src/Slasher.sol";
import {StakeManager} from "../../../src/StakeManager.sol";
import {ISlasherTypes} from "../../../src/interfaces/ISlasher.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Tries every privileged function of the protocol from accounts that hold no role allowing it: the
/// deployer after renouncing, the guardian, users. Calls are wrapped in try/catch so the handler never reverts;
/// any call that succeeds is counted in `ghost_unauthorizedSuccesses`.
/// @dev For the staking modules, the test prepares state in which each privileged call would succeed if its role
/// check were missing: `staker` has stake and a lock, challenge 1 is pending and escrow 1 is held, and
/// `nextStakeManager` / `nextSlasher` are valid implementations to upgrade to.
contract AccessHandler is CommonBase, StdUtils {
    AccessManager public immutable accessManager;
    TimelockController public immutable timelock;
    DaimmGovernor public immutable governor;
    DaimmToken public immutable token;
    ModelRegistry public immutable registry;
    StakeManager public immutable stakeManager;
    Slasher public immutable slasher;
    RoyaltySplitter public immutable splitter;
    Marketplace public immutable market;
    address public immutable staker;
    address public immutable guardian;
    address public immutable nextStakeManager;
    address public immutable nextSlasher;
    address public immutable nextRegistry;
    address public immutable nextSplitter;
    address public immutable nextMarket;

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

    /// @dev The protocol under test, as deployed.
    struct Protocol {
        AccessManager accessManager;
        TimelockController timelock;
        DaimmGovernor governor;
        DaimmToken token;
        ModelRegistry registry;
        StakeManager stakeManager;
        Slasher slasher;
        RoyaltySplitter splitter;
        Marketplace market;
    }

    constructor(Protocol memory protocol, address staker_, address guardian_, address[] memory actors_) {
        accessManager = protocol.accessManager;
        timelock = protocol.timelock;
        governor = protocol.governor;
        token = protocol.token;
        registry = protocol.registry;
        stakeManager = protocol.stakeManager;
        slasher = protocol.slasher;
        splitter = protocol.splitter;
        market = protocol.market;
        staker = staker_;
        guardian = guardian_;
        nextStakeManager = address(new StakeManager(protocol.token));
        nextSlasher = address(new Slasher(protocol.token, protocol.stakeManager));
        nextRegistry = address(new ModelRegistry());
        nextSplitter = address(new RoyaltySplitter(address(protocol.registry)));
        nextMarket = address(new Marketplace(address(protocol.registry), address(protocol.splitter)));
        actors = actors_;
        _targets = [
            address(protocol.accessManager),
            address(protocol.timelock),
            address(protocol.governor),
            address(protocol.token),
            address(protocol.registry),
            address(protocol.stakeManager),
            address(protocol.slasher),
            address(protocol.splitter),
            address(protocol.market)
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
                              STAKE MANAGER
    //////////////////////////////////////////////////////////////*/

    function slash(uint256 actorSeed, uint256 amount, bytes32 offenceId) external useActor(actorSeed) {
        try stakeManager.slash(staker, bound(amount, 1, 1 ether), offenceId) {
            _success();
        } catch {}
    }

    function lockStake(uint256 actorSeed, bool release) external useActor(actorSeed) {
        if (release) {
            try stakeManager.unlock(staker, 1) {
                _success();
            } catch {}
        } else {
            try stakeManager.lock(staker, 1) {
                _success();
            } catch {}
        }
    }

    function setStakingParameters(uint256 actorSeed, uint256 which, uint256 value) external useActor(actorSeed) {
        which = bound(which, 0, 2);
        if (which == 0) {
            uint256 period = bound(value, slasher.slashingWindow(), stakeManager.MAX_UNBONDING_PERIOD());
            try stakeManager.setUnbondingPeriod(period) {
                _success();
            } catch {}
        } else if (which == 1) {
            try stakeManager.setMinimumStakes(bound(value, 1, 1e24), bound(value, 1, 1e24)) {
                _success();
            } catch {}
        } else {
            try stakeManager.setSlasher(address(0)) {
                _success();
            } catch {}
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 SLASHER
    //////////////////////////////////////////////////////////////*/

    function reportOffence(uint256 actorSeed, bytes32 context) external useActor(actorSeed) {
        try slasher.reportOffence(staker, ISlasherTypes.OffenceKind.Outlier, context, type(uint256).max, _actor) {
            _success();
        } catch {}
    }

    function ruleOnChallenge(uint256 actorSeed, bool uphold) external useActor(actorSeed) {
        if (uphold) {
            try slasher.upholdChallenge(1) {
                _success();
            } catch {}
        } else {
            try slasher.rejectChallenge(1) {
                _success();
            } catch {}
        }
    }

    function reverseSlash(uint256 actorSeed) external useActor(actorSeed) {
        try slasher.reverseSlash(1) {
            _success();
        } catch {}
    }

    function setSlashingParameters(uint256 actorSeed, uint256 which) external useActor(actorSeed) {
        which = bound(which, 0, 5);
        if (which == 0) {
            try slasher.setChallengeBond(1) {
                _success();
            } catch {}
        } else if (which == 1) {
            try slasher.setWindows(1, 1) {
                _success();
            } catch {}
        } else if (which == 2) {
            try slasher.setSlashShare(ISlasherTypes.OffenceKind.Collusion, 10_000) {
                _success();
            } catch {}
        } else if (which == 3) {
            try slasher.setReleaseSplit(ISlasherTypes.ReleaseSplit(0, 0, 0, 10_000)) {
                _success();
            } catch {}
        } else if (which == 4) {
            try slasher.setTreasury(_actor) {
                _success();
            } catch {}
        } else {
            try slasher.setRewardPool(_actor) {
                _success();
            } catch {}
        }
    }

    /*//////////////////////////////////////////////////////////////
                         BOTH MODULES: PAUSE, UPGRADE
    //////////////////////////////////////////////////////////////*/

    /// @dev Pausing is the guardian's, so the guardian's own pauses are not counted; unpausing is governance's, so
    /// the module is paused by the guardian first and put back afterwards.
    function pauseModule(uint256 actorSeed, uint256 moduleSeed, bool unpause) external useActor(actorSeed) {
        DaimmModule module = _module(moduleSeed);
        vm.stopPrank();
        if (unpause) {
            vm.prank(guardian);
            module.pause();
            vm.prank(_actor);
            try module.unpause() {
                _success();
            } catch {}
            if (module.paused()) {
                vm.prank(address(timelock));
                module.unpause();
            }
        } else if (_actor != guardian) {
            vm.prank(_actor);
            try module.pause() {
                _success();
                vm.prank(address(timelock));
                module.unpause();
            } catch {}
        }
        vm.startPrank(_actor);
    }

    function upgradeModule(uint256 actorSeed, uint256 moduleSeed) external useActor(actorSeed) {
        address[5] memory implementations = [nextRegistry, nextStakeManager, nextSlasher, nextSplitter, nextMarket];
        address implementation = implementations[moduleSeed % 5];
        try _module(moduleSeed).upgradeToAndCall(implementation, "") {
            _success();
        } catch {}
    }

    function _module(uint256 seed) private view returns (DaimmModule) {
        address[5] memory modules =
            [address(registry), address(stakeManager), address(slasher), address(splitter), address(market)];
        return DaimmModule(modules[seed % 5]);
    }

    /*//////////////////////////////////////////////////////////////
                                REGISTRY
    //////////////////////////////////////////////////////////////*/

    function registrySetting(uint256 actorSeed, uint256 which, uint256 id, uint8 score, uint16 bps, uint32 age)
        external
        useActor(actorSeed)
    {
        which %= 4;
        if (which == 0) {
            try registry.setFlagged(id, true) {
                _success();
            } catch {}
        } else if (which == 1) {
            try registry.recordEvaluation(id, 1, bytes32(0), score, bytes32(0)) {
                _success();
            } catch {}
        } else if (which == 2) {
            try registry.setRoyaltyRate(bps) {
                _success();
            } catch {}
        } else {
            try registry.setMaxCommitAge(age) {
                _success();
            } catch {}
        }
    }

    /*//////////////////////////////////////////////////////////////
                          ROYALTIES AND LICENSES
    //////////////////////////////////////////////////////////////*/

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

    /// @dev Only the Marketplace may collect sales: anyone else could pull a buyer's approved tokens into any split.
    function collectSale(uint256 actorSeed, uint256 modelId, uint256 amount) external useActor(actorSeed) {
        try splitter.collectSale(modelId, address(token), _actor, amount, 0, _actor) {
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
