// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmGovernor} from "../src/DaimmGovernor.sol";
import {DaimmModule} from "../src/DaimmModule.sol";
import {DaimmToken} from "../src/DaimmToken.sol";
import {DaimmVestingWallet} from "../src/DaimmVestingWallet.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {ModelRegistry} from "../src/ModelRegistry.sol";
import {Roles} from "../src/Roles.sol";
import {RoyaltyInboxFactory} from "../src/RoyaltyInboxFactory.sol";
import {RoyaltySplitter} from "../src/RoyaltySplitter.sol";
import {ScoringManager} from "../src/ScoringManager.sol";
import {Slasher} from "../src/Slasher.sol";
import {SortitionPool} from "../src/SortitionPool.sol";
import {StakeManager} from "../src/StakeManager.sol";
import {UsageAnchors} from "../src/UsageAnchors.sol";
import {IDaimmToken} from "../src/interfaces/IDaimmToken.sol";
import {IScoringTypes} from "../src/interfaces/IScoringManager.sol";
import {ISlasherTypes} from "../src/interfaces/ISlasher.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @title DeployProtocol
/// @notice The one code path that deploys and wires DAIMM. `script/Deploy.s.sol` runs it under broadcast and
/// `test/Base.t.sol` runs it in tests, so the tests exercise the wiring that ships.
/// @dev Every contract is created with CREATE2 (`new X{salt: ...}`): under `forge script` through the deterministic
/// deployment proxy, so addresses depend only on the salt, the deployer and the code.
abstract contract DeployProtocol {
    /// @param deployer Sends the deployment; admin of the AccessManager and the timelock while wiring, then renounced.
    /// @param guardian May pause modules, nothing else.
    /// @param salt CREATE2 salt shared by every contract of one deployment.
    /// @param timelockDelay Seconds between queueing and executing a passed proposal.
    /// @param votingDelay Seconds between a proposal and the start of its vote.
    /// @param votingPeriod Seconds a vote stays open.
    /// @param proposalThreshold Votes needed to propose, in token wei.
    /// @param quorumPercent Quorum, in percent of the total supply.
    /// @param royaltyBps ERC-2981 rate of registered models, in basis points.
    /// @param maxCommitAge Seconds a registration commitment stays usable.
    /// @param rewardPool Receives the reward-pool share of released slashes; zero means the ScoringManager, which pays
    /// rewards from it.
    /// @param unbondingPeriod Seconds between an unstake request and its withdrawal; at least the two windows below.
    /// @param challengeWindow Seconds the arbiter (the timelock) has to rule on a challenge: longer than a proposal.
    /// @param escrowPeriod Seconds slashed tokens wait, reversible by governance: longer than a proposal.
    /// @param contributorMinStake Minimum active stake of a contributor, in token wei.
    /// @param validatorMinStake Minimum active stake of a validator-set member, in token wei.
    /// @param challengeBond Tokens a challenger posts, in token wei.
    /// @param upstreamBps Share of every royalty deposit forwarded to the parent model's split, in basis points.
    /// @param upstreamDepth How many ancestors at most receive the upstream share.
    /// @param protocolFeeBps Share of every license sale paid to the treasury, in basis points.
    /// @param commitWindow Seconds a scoring committee has to commit, from its draw.
    /// @param revealWindow Seconds a scoring committee has to reveal, after the commit window.
    /// @param reportWindow Seconds after a reveal deadline during which reporting offenders earns the challenger
    /// share; shorter than the unbonding period.
    /// @param benchmarkDatasetCid A benchmark dataset approved at genesis (binary CID), or empty for none.
    /// @param benchmarkMetric The metric of that benchmark.
    struct Config {
        address deployer;
        address guardian;
        bytes32 salt;
        uint256 timelockDelay;
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumPercent;
        uint16 royaltyBps;
        uint32 maxCommitAge;
        address rewardPool;
        uint256 unbondingPeriod;
        uint256 challengeWindow;
        uint256 escrowPeriod;
        uint256 contributorMinStake;
        uint256 validatorMinStake;
        uint256 challengeBond;
        uint16 upstreamBps;
        uint8 upstreamDepth;
        uint16 protocolFeeBps;
        uint40 commitWindow;
        uint40 revealWindow;
        uint40 reportWindow;
        bytes benchmarkDatasetCid;
        bytes32 benchmarkMetric;
    }

    /// @notice A liquid genesis allocation, delegated to its holder from genesis.
    struct Grant {
        address account;
        uint256 amount;
    }

    /// @notice A genesis allocation held by a `DaimmVestingWallet`, its votes delegated to the beneficiary.
    /// @param start When vesting starts (seconds since the epoch).
    /// @param duration Seconds of vesting, cliff included.
    /// @param cliff Seconds after `start` before anything is releasable.
    struct Vesting {
        address beneficiary;
        uint256 amount;
        uint64 start;
        uint64 duration;
        uint64 cliff;
    }

    /// @notice Who holds the supply at genesis. The treasury (the timelock) receives what is left after the grants,
    /// the vesting wallets and the airdrop.
    /// @param airdropRoot Merkle root of `(account, amount)` leaves (see `IDaimmToken.Airdrop`).
    /// @param airdropAmount Tokens held by the token for claims; zero for no airdrop.
    /// @param airdropDeadline Last second of claims; the rest is then swept to the treasury.
    struct Genesis {
        Grant[] grants;
        Vesting[] vestings;
        bytes32 airdropRoot;
        uint256 airdropAmount;
        uint64 airdropDeadline;
    }

    struct Deployment {
        AccessManager accessManager;
        TimelockController timelock;
        DaimmToken token;
        DaimmGovernor governor;
        ModelRegistry registry;
        StakeManager stakeManager;
        Slasher slasher;
        RoyaltyInboxFactory inboxFactory;
        RoyaltySplitter splitter;
        Marketplace market;
        SortitionPool sortitionPool;
        ScoringManager scoring;
        UsageAnchors usageAnchors;
        /// @dev One per `Genesis.vestings` entry, in the same order.
        DaimmVestingWallet[] vestingWallets;
    }

    /// @dev Initial slash shares, in basis points of slashable stake, by `ISlasherTypes.OffenceKind`; governable.
    /// Withholding a reveal costs more than revealing an outlier (the Slasher enforces at least as much).
    uint16 internal constant NO_REVEAL_SLASH_BPS = 300;
    uint16 internal constant OUTLIER_SLASH_BPS = 200;
    uint16 internal constant PLAGIARISM_SLASH_BPS = 5000;
    uint16 internal constant BAD_DATASET_SLASH_BPS = 2000;
    uint16 internal constant COLLUSION_SLASH_BPS = 5000;

    /// @dev Initial division of released slashes, in basis points; governable.
    uint16 internal constant BURN_BPS = 4000;
    uint16 internal constant TREASURY_BPS = 2000;
    uint16 internal constant CHALLENGER_BPS = 2000;
    uint16 internal constant REWARD_POOL_BPS = 2000;

    /// @dev Initial scoring parameters; governable. Half the seats and half the committee's stake must reveal; a
    /// reveal within 10 points of the consensus is rewarded; a seat locks a tenth of its weight.
    uint16 internal constant QUORUM_COUNT_BPS = 5000;
    uint16 internal constant QUORUM_STAKE_BPS = 5000;
    uint8 internal constant SCORE_TOLERANCE = 10;
    uint16 internal constant LOCK_SHARE_BPS = 1000;
    uint16 internal constant REPUTATION_WEIGHT_BPS = 2000;
    uint96 internal constant MIN_BUDGET_PER_SEAT = 10 ether;
    /// @dev Consensus below which a subject earns no contributor reward: a junk model scores below half.
    uint8 internal constant MIN_REWARD_SCORE = 50;
    uint96 internal constant MODEL_CONTRIBUTOR_REWARD = 1000 ether;
    uint96 internal constant DATASET_CONTRIBUTOR_REWARD = 500 ether;

    function _deployProtocol(Config memory config, Genesis memory genesis) internal returns (Deployment memory d) {
        d.accessManager = new AccessManager{salt: config.salt}(config.deployer);
        d.timelock = new TimelockController{salt: config.salt}(
            config.timelockDelay, new address[](0), new address[](0), config.deployer
        );
        _deployToken(d, config, genesis);
        d.governor = new DaimmGovernor{salt: config.salt}(
            d.token, d.timelock, config.votingDelay, config.votingPeriod, config.proposalThreshold, config.quorumPercent
        );

        // Modules: each behind a UUPS proxy, wired to the AccessManager while the deployer is still its admin.
        _deployRegistry(d, config);
        _deployStaking(d, config);
        _deployRoyalties(d, config);
        _deployMarket(d, config);
        _deployScoring(d, config);
        // Immutable and without an admin: model owners write their own anchors, nothing to wire.
        d.usageAnchors = new UsageAnchors{salt: config.salt}(d.registry);

        _wireTimelock(d, config.deployer);
        _wireAccessManager(d, config);
    }

    /// @dev The genesis distribution: vesting wallets first (the token mints to them), then the token, which mints
    /// the grants (self-delegated), the wallets (delegated to their beneficiaries), the airdrop (to itself) and the
    /// rest to the timelock, the community treasury, whose votes stay undelegated.
    function _deployToken(Deployment memory d, Config memory config, Genesis memory genesis) private {
        uint256 grants = genesis.grants.length;
        IDaimmToken.Allocation[] memory allocations = new IDaimmToken.Allocation[](grants + genesis.vestings.length);
        for (uint256 i; i < grants; ++i) {
            Grant memory g = genesis.grants[i];
            allocations[i] = IDaimmToken.Allocation({account: g.account, amount: g.amount, delegatee: g.account});
        }
        d.vestingWallets = new DaimmVestingWallet[](genesis.vestings.length);
        for (uint256 i; i < genesis.vestings.length; ++i) {
            Vesting memory v = genesis.vestings[i];
            // A salt per wallet, so that two identical schedules still get two wallets.
            d.vestingWallets[i] = new DaimmVestingWallet{salt: keccak256(abi.encode(config.salt, i))}(
                v.beneficiary, v.start, v.duration, v.cliff
            );
            allocations[grants + i] = IDaimmToken.Allocation({
                account: address(d.vestingWallets[i]), amount: v.amount, delegatee: v.beneficiary
            });
        }
        IDaimmToken.Airdrop memory airdrop = IDaimmToken.Airdrop({
            merkleRoot: genesis.airdropRoot, amount: genesis.airdropAmount, deadline: genesis.airdropDeadline
        });
        d.token = new DaimmToken{salt: config.salt}(address(d.timelock), allocations, airdrop);
    }

    function _deployRegistry(Deployment memory d, Config memory config) private {
        address implementation = address(new ModelRegistry{salt: config.salt}());
        bytes memory init = abi.encodeCall(
            ModelRegistry.initialize, (address(d.accessManager), config.royaltyBps, config.maxCommitAge)
        );
        d.registry = ModelRegistry(_deployProxy(implementation, init, config.salt));

        bytes4[] memory arbiter = new bytes4[](1);
        arbiter[0] = ModelRegistry.setFlagged.selector;
        _allow(d.accessManager, address(d.registry), Roles.ARBITER, arbiter);
        bytes4[] memory scoring = new bytes4[](1);
        scoring[0] = ModelRegistry.recordEvaluation.selector;
        _allow(d.accessManager, address(d.registry), Roles.SCORING, scoring);
        _letGuardianPause(d.accessManager, address(d.registry));
    }

    /// @dev StakeManager, then the Slasher (whose windows must fit the unbonding period), then the link between them
    /// and their roles: SLASHER slashes, SCORING locks stake and reports offences, ARBITER rules on challenges; every
    /// other restricted function (parameters, reversal, unpause, upgrades) stays with the admin.
    function _deployStaking(Deployment memory d, Config memory config) private {
        address authority = address(d.accessManager);
        StakeManager stakeImplementation = new StakeManager{salt: config.salt}(d.token);
        d.stakeManager = StakeManager(
            _deployProxy(
                address(stakeImplementation),
                abi.encodeCall(
                    StakeManager.initialize,
                    (authority, config.unbondingPeriod, config.contributorMinStake, config.validatorMinStake)
                ),
                config.salt
            )
        );

        ISlasherTypes.Settings memory settings = ISlasherTypes.Settings({
            treasury: address(d.timelock),
            // Replaced by the ScoringManager once it exists, unless the config names a pool.
            rewardPool: config.rewardPool == address(0) ? address(d.timelock) : config.rewardPool,
            challengeBond: config.challengeBond,
            challengeWindow: config.challengeWindow,
            escrowPeriod: config.escrowPeriod,
            slashShareBps: [
                NO_REVEAL_SLASH_BPS, OUTLIER_SLASH_BPS, PLAGIARISM_SLASH_BPS, BAD_DATASET_SLASH_BPS, COLLUSION_SLASH_BPS
            ],
            split: ISlasherTypes.ReleaseSplit({
                burnBps: BURN_BPS,
                treasuryBps: TREASURY_BPS,
                challengerBps: CHALLENGER_BPS,
                rewardPoolBps: REWARD_POOL_BPS
            })
        });
        Slasher slasherImplementation = new Slasher{salt: config.salt}(d.token, d.stakeManager);
        d.slasher = Slasher(
            _deployProxy(
                address(slasherImplementation), abi.encodeCall(Slasher.initialize, (authority, settings)), config.salt
            )
        );
        // The deployer is still the AccessManager's admin, which `setSlasher` (an admin function) requires.
        d.stakeManager.setSlasher(address(d.slasher));

        AccessManager manager = d.accessManager;
        bytes4[] memory selectors = new bytes4[](3);
        selectors[0] = StakeManager.slash.selector;
        selectors[1] = StakeManager.hold.selector;
        selectors[2] = StakeManager.releaseHold.selector;
        _allow(manager, address(d.stakeManager), Roles.SLASHER, selectors);
        selectors = new bytes4[](2);
        selectors[0] = StakeManager.lock.selector;
        selectors[1] = StakeManager.unlock.selector;
        _allow(manager, address(d.stakeManager), Roles.SCORING, selectors);
        selectors = new bytes4[](1);
        selectors[0] = Slasher.reportOffence.selector;
        _allow(manager, address(d.slasher), Roles.SCORING, selectors);
        selectors = new bytes4[](2);
        selectors[0] = Slasher.upholdChallenge.selector;
        selectors[1] = Slasher.rejectChallenge.selector;
        _allow(manager, address(d.slasher), Roles.ARBITER, selectors);
        _letGuardianPause(manager, address(d.stakeManager));
        _letGuardianPause(manager, address(d.slasher));
        manager.grantRole(Roles.SLASHER, address(d.slasher), 0);
    }

    /// @dev The splitter follows the registry's owners and lineage, and the registry's ERC-2981 royalties point at
    /// its per-model inboxes. Wired while the deployer still holds the admin role.
    function _deployRoyalties(Deployment memory d, Config memory config) private {
        d.inboxFactory = new RoyaltyInboxFactory{salt: config.salt}();
        address implementation = address(new RoyaltySplitter{salt: config.salt}(address(d.registry)));
        bytes memory init = abi.encodeCall(
            RoyaltySplitter.initialize,
            (address(d.accessManager), address(d.inboxFactory), config.upstreamBps, config.upstreamDepth)
        );
        d.splitter = RoyaltySplitter(_deployProxy(implementation, init, config.salt));
        d.registry.setRoyaltySplitter(address(d.splitter));
        _letGuardianPause(d.accessManager, address(d.splitter));
    }

    /// @dev The Marketplace pays fees to the timelock (the treasury) and proceeds to the splitter, which accepts
    /// pushed credits from it alone.
    function _deployMarket(Deployment memory d, Config memory config) private {
        address implementation = address(new Marketplace{salt: config.salt}(address(d.registry), address(d.splitter)));
        bytes memory init = abi.encodeCall(
            Marketplace.initialize, (address(d.accessManager), address(d.timelock), config.protocolFeeBps)
        );
        d.market = Marketplace(_deployProxy(implementation, init, config.salt));
        d.splitter.setMarketplace(address(d.market));
        _letGuardianPause(d.accessManager, address(d.market));
    }

    /// @dev The ScoringManager freezes and draws the SortitionPool, locks stake in the StakeManager, reports to the
    /// Slasher and writes to the registry: it holds the SCORING role those modules map these functions to. It is the
    /// reward pool unless the config names another.
    function _deployScoring(Deployment memory d, Config memory config) private {
        address authority = address(d.accessManager);
        d.sortitionPool = SortitionPool(
            _deployProxy(
                address(new SortitionPool{salt: config.salt}(d.stakeManager)),
                abi.encodeCall(SortitionPool.initialize, (authority)),
                config.salt
            )
        );
        address implementation = address(
            new ScoringManager{salt: config.salt}(d.token, d.stakeManager, d.slasher, d.registry, d.sortitionPool)
        );
        IScoringTypes.Parameters memory parameters = IScoringTypes.Parameters({
            commitWindow: config.commitWindow,
            revealWindow: config.revealWindow,
            quorumCountBps: QUORUM_COUNT_BPS,
            quorumStakeBps: QUORUM_STAKE_BPS,
            tolerance: SCORE_TOLERANCE,
            lockShareBps: LOCK_SHARE_BPS,
            reputationWeightBps: REPUTATION_WEIGHT_BPS,
            minBudgetPerSeat: MIN_BUDGET_PER_SEAT,
            minRewardScore: MIN_REWARD_SCORE
        });
        bytes memory init = abi.encodeCall(
            ScoringManager.initialize, (authority, parameters, [MODEL_CONTRIBUTOR_REWARD, DATASET_CONTRIBUTOR_REWARD])
        );
        d.scoring = ScoringManager(_deployProxy(implementation, init, config.salt));
        if (config.rewardPool == address(0)) d.slasher.setRewardPool(address(d.scoring));
        d.scoring.setReportWindow(config.reportWindow);
        if (config.benchmarkDatasetCid.length != 0) {
            d.scoring.setBenchmarkApproval(config.benchmarkDatasetCid, config.benchmarkMetric, true);
        }
        bytes4[] memory selectors = new bytes4[](3);
        selectors[0] = SortitionPool.draw.selector;
        selectors[1] = SortitionPool.freeze.selector;
        selectors[2] = SortitionPool.cancelDraw.selector;
        _allow(d.accessManager, address(d.sortitionPool), Roles.SCORING, selectors);
        d.accessManager.grantRole(Roles.SCORING, address(d.scoring), 0);
        _letGuardianPause(d.accessManager, address(d.scoring));
    }

    /// @dev Deploys `implementation`'s proxy with CREATE2 and runs its initializer.
    function _deployProxy(address implementation, bytes memory initializer, bytes32 salt) internal returns (address) {
        return address(new ERC1967Proxy{salt: salt}(implementation, initializer));
    }

    /// @dev Maps `selectors` of `target` to `role`. Only possible while the deployer is still the manager's admin.
    function _allow(AccessManager manager, address target, uint64 role, bytes4[] memory selectors) internal {
        manager.setTargetFunctionRole(target, selectors, role);
    }

    /// @dev The guardian may pause `module`; unpausing and upgrades stay with the admin (the timelock).
    function _letGuardianPause(AccessManager manager, address module) internal {
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = DaimmModule.pause.selector;
        _allow(manager, module, Roles.GUARDIAN, selectors);
    }

    /// @dev Only the governor proposes and cancels; anyone may execute a ready operation; nobody keeps admin.
    function _wireTimelock(Deployment memory d, address deployer) private {
        TimelockController timelock = d.timelock;
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(d.governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(d.governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(0));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    /// @dev The timelock becomes the only admin. Module roles are labelled now and granted as modules land.
    function _wireAccessManager(Deployment memory d, Config memory config) private {
        AccessManager manager = d.accessManager;
        manager.labelRole(Roles.GUARDIAN, "GUARDIAN");
        manager.labelRole(Roles.SCORING, "SCORING");
        manager.labelRole(Roles.SLASHER, "SLASHER");
        manager.labelRole(Roles.ARBITER, "ARBITER");

        manager.grantRole(Roles.GUARDIAN, config.guardian, 0);
        manager.grantRole(Roles.ARBITER, address(d.timelock), 0);
        manager.grantRole(Roles.ADMIN, address(d.timelock), 0);
        manager.renounceRole(Roles.ADMIN, config.deployer);
    }
}
