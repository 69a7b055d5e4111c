// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {IDaimmToken} from "./interfaces/IDaimmToken.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IRandomnessSource, IScoringManager} from "./interfaces/IScoringManager.sol";
import {ISlasher} from "./interfaces/ISlasher.sol";
import {ISortitionPool} from "./interfaces/ISortitionPool.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";
import {ScoringSettlement} from "./libraries/ScoringSettlement.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title ScoringManager
/// @notice Multi-validator scoring by stake-weighted sortition, commit-reveal and the stake-weighted median.
/// @dev Holds the SCORING role of the AccessManager: it locks stake in the StakeManager, reports offences to the
/// Slasher and writes evaluations to the ModelRegistry. It is the protocol's reward pool: its DAIMM balance beyond
/// `reservedRewards()` (budgets of unsettled rounds and unclaimed member shares) funds rounds and contributors.
/// Time is the block timestamp; windows last hours, far beyond the seconds a block producer can skew it, so the
/// `block-timestamp` lint is disabled where deadlines are compared.
contract ScoringManager is DaimmModule, ReentrancyGuardTransient, IScoringManager {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                          CONSTANTS AND IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScoringManager
    uint256 public constant MAX_COMMITTEE_SIZE = 32;

    /// @inheritdoc IScoringManager
    uint256 public constant MAX_WINDOW = 30 days;

    uint256 private constant BPS = ScoringSettlement.BPS;
    uint256 private constant MAX_SCORE = ScoringSettlement.MAX_SCORE;

    /// @dev keccak256(abi.encode(uint256(keccak256("daimm.storage.ScoringManager")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x3e90bce99b10a0e018461b9e744ce97d17649ce1311f97448183e30a425fc900;

    IDaimmToken private immutable _token;
    IStakeManager private immutable _stakeManager;
    ISlasher private immutable _slasher;
    IModelRegistry private immutable _registry;
    ISortitionPool private immutable _pool;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /*//////////////////////////////////////////////////////////////
                               INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
    constructor(
        IDaimmToken token_,
        IStakeManager stakeManager_,
        ISlasher slasher_,
        IModelRegistry registry_,
        ISortitionPool pool_
    ) {
        _token = token_;
        _stakeManager = stakeManager_;
        _slasher = slasher_;
        _registry = registry_;
        _pool = pool_;
    }

    /// @notice Sets up the proxy.
    /// @param authority The protocol's AccessManager.
    /// @param parameters_ Windows, quorum, tolerance, lock share, reputation weight and minimum budget.
    /// @param contributorRewards_ Contributor reward by `IModelRegistry.AssetKind`, in DAIMM wei.
    function initialize(address authority, Parameters calldata parameters_, uint96[2] calldata contributorRewards_)
        external
        initializer
    {
        __DaimmModule_init(authority);
        _setParameters(parameters_);
        _setContributorReward(IModelRegistry.AssetKind.Model, contributorRewards_[0]);
        _setContributorReward(IModelRegistry.AssetKind.Dataset, contributorRewards_[1]);
    }

    /*//////////////////////////////////////////////////////////////
                                 ROUNDS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScoringManager
    function openRound(
        uint256 subjectId,
        bytes calldata datasetCid,
        bytes32 metricId,
        uint256 budget,
        uint256 committeeSize
    ) external whenNotPaused nonReentrant returns (uint256 roundId) {
        roundId = _open(subjectId, datasetCid, metricId, budget, committeeSize, msg.sender);
        IERC20(address(_token)).safeTransferFrom(msg.sender, address(this), budget);
    }

    /// @inheritdoc IScoringManager
    function openRoundFromPool(
        uint256 subjectId,
        bytes calldata datasetCid,
        bytes32 metricId,
        uint256 budget,
        uint256 committeeSize
    ) external restricted whenNotPaused nonReentrant returns (uint256 roundId) {
        uint256 pool = ScoringSettlement.rewardPool(_storage(), _token);
        if (budget > pool) revert ScoringRewardPoolShort(pool, budget);
        roundId = _open(subjectId, datasetCid, metricId, budget, committeeSize, address(this));
    }

    /// @inheritdoc IScoringManager
    function drawCommittee(uint256 roundId) external whenNotPaused nonReentrant returns (uint256 seats) {
        return ScoringSettlement.drawCommittee(_storage(), _modules(), roundId);
    }

    /// @inheritdoc IScoringManager
    /// @dev Not paused: a pause must never make a member miss a window it is slashed for missing.
    function commit(uint256 roundId, bytes32 commitment) external {
        if (commitment == 0) revert ScoringZeroCommitment(roundId);
        ScoringSettlement.ScoringStorage storage $ = _storage();
        Round storage r = $.rounds[roundId];
        ScoringSettlement.expectStatus(roundId, r.status, RoundStatus.Drawn);
        uint256 commitDeadline = r.commitDeadline;
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > commitDeadline) revert ScoringCommitClosed(roundId, commitDeadline);
        Ballot memory ballot = $.ballots[roundId][msg.sender];
        if (ballot.state == BallotState.None) revert ScoringNotMember(roundId, msg.sender);
        // Keeps the hash's first 29 bytes on purpose (see `Ballot`).
        // forge-lint: disable-next-line(unsafe-typecast)
        ballot.commitment = bytes29(commitment);
        ballot.state = BallotState.Committed;
        $.ballots[roundId][msg.sender] = ballot;
        emit ScoreCommitted(roundId, msg.sender, commitment);
    }

    /// @inheritdoc IScoringManager
    /// @dev Not paused, like `commit`.
    function reveal(uint256 roundId, uint8 score, bytes32 digest, bytes32 salt) external {
        if (score > MAX_SCORE) revert ScoringScoreOutOfRange(score);
        if ((score == 0) != (digest == 0)) revert ScoringInvalidDigest(score, digest);
        ScoringSettlement.ScoringStorage storage $ = _storage();
        Round storage r = $.rounds[roundId];
        ScoringSettlement.expectStatus(roundId, r.status, RoundStatus.Drawn);
        (uint256 commitDeadline, uint256 revealDeadline) = (r.commitDeadline, r.revealDeadline);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= commitDeadline || block.timestamp > revealDeadline) {
            revert ScoringNotRevealWindow(roundId, commitDeadline, revealDeadline);
        }
        Ballot memory ballot = $.ballots[roundId][msg.sender];
        if (ballot.state == BallotState.None) revert ScoringNotMember(roundId, msg.sender);
        if (ballot.state != BallotState.Committed) revert ScoringNothingToReveal(roundId, msg.sender, ballot.state);
        // The hash binds the round, the validator and the digest: a copied commitment reveals for nobody else, and a
        // digest seen in another member's reveal comes too late to be committed.
        if (ballot.commitment != bytes29(_commitment(roundId, msg.sender, score, digest, salt))) {
            revert ScoringCommitmentMismatch(roundId, msg.sender);
        }
        ballot.score = score;
        // Score 0 was committed before any reveal was public: abstaining cannot be chosen after seeing the others.
        ballot.state = score == 0 ? BallotState.Abstained : BallotState.Revealed;
        $.ballots[roundId][msg.sender] = ballot;
        // Overwrites the placeholder the draw wrote (a warm rewrite, not a new slot); an abstention clears it.
        $.digests[roundId][msg.sender] = digest;
        if (score == 0) emit ScoreAbstained(roundId, msg.sender);
        else emit ScoreRevealed(roundId, msg.sender, score, digest);
    }

    /// @inheritdoc IScoringManager
    function finalize(uint256 roundId) external whenNotPaused nonReentrant {
        ScoringSettlement.finalize(_storage(), _modules(), roundId);
    }

    /// @inheritdoc IScoringManager
    function reportOffenders(uint256 roundId) external whenNotPaused nonReentrant returns (uint256 reported) {
        return ScoringSettlement.reportOffenders(_storage(), _modules(), roundId);
    }

    /// @inheritdoc IScoringManager
    function claimReward(uint256 roundId) external nonReentrant returns (uint256 amount) {
        amount = _claim(_storage(), roundId, msg.sender);
        if (amount == 0) revert ScoringNothingToClaim(roundId, msg.sender);
        IERC20(address(_token)).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IScoringManager
    function claimRewards(uint256[] calldata roundIds) external nonReentrant returns (uint256 amount) {
        ScoringSettlement.ScoringStorage storage $ = _storage();
        for (uint256 i; i < roundIds.length; ++i) {
            amount += _claim($, roundIds[i], msg.sender);
        }
        if (amount == 0) revert ScoringNothingToClaim(roundIds.length == 0 ? 0 : roundIds[0], msg.sender);
        IERC20(address(_token)).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IScoringManager
    function fundRewardPool(uint256 amount) external nonReentrant {
        if (amount == 0) revert ScoringZeroAmount();
        emit RewardPoolFunded(msg.sender, amount);
        IERC20(address(_token)).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IScoringManager
    function releaseContributorReward(uint256 roundId) external nonReentrant returns (uint256 paid) {
        return ScoringSettlement.releaseContributorReward(_storage(), _modules(), roundId);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScoringManager
    function setParameters(Parameters calldata parameters_) external restricted {
        _setParameters(parameters_);
    }

    /// @inheritdoc IScoringManager
    function setContributorReward(IModelRegistry.AssetKind kind, uint256 amount) external restricted {
        _setContributorReward(kind, amount);
    }

    /// @inheritdoc IScoringManager
    function setRandomnessSource(IRandomnessSource source) external restricted {
        _storage().randomnessSource = source;
        emit RandomnessSourceSet(address(source));
    }

    /// @inheritdoc IScoringManager
    function setBenchmarkApproval(bytes calldata datasetCid, bytes32 metricId, bool approved) external restricted {
        bytes32 benchmarkId = keccak256(abi.encodePacked(metricId, datasetCid));
        _storage().approvedBenchmarks[benchmarkId] = approved;
        emit BenchmarkApprovalSet(benchmarkId, datasetCid, metricId, approved);
    }

    /// @inheritdoc IScoringManager
    function setReportWindow(uint256 reportWindow_) external restricted {
        uint256 unbondingPeriod = _stakeManager.unbondingPeriod();
        // The bounty must end while an offender's stake unbonding since the reveal deadline is still slashable.
        if (reportWindow_ == 0 || reportWindow_ >= unbondingPeriod) {
            revert ScoringInvalidReportWindow(reportWindow_, unbondingPeriod);
        }
        // The cast is safe: below the unbonding period, at most 365 days.
        // forge-lint: disable-next-line(unsafe-typecast)
        _storage().reportWindow = uint40(reportWindow_);
        emit ReportWindowSet(reportWindow_);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScoringManager
    function isBenchmarkApproved(bytes32 benchmarkId) external view returns (bool) {
        return _storage().approvedBenchmarks[benchmarkId];
    }

    /// @inheritdoc IScoringManager
    function isContributorRewarded(uint256 subjectId, bytes32 benchmarkId) external view returns (bool) {
        return _storage().contributorRewarded[subjectId][benchmarkId];
    }

    /// @inheritdoc IScoringManager
    function heldReward(uint256 roundId) external view returns (HeldReward memory) {
        return _storage().heldRewards[roundId];
    }

    /// @inheritdoc IScoringManager
    function reportWindow() external view returns (uint256) {
        return _storage().reportWindow;
    }

    /// @inheritdoc IScoringManager
    function token() external view returns (IDaimmToken) {
        return _token;
    }

    /// @inheritdoc IScoringManager
    function stakeManager() external view returns (IStakeManager) {
        return _stakeManager;
    }

    /// @inheritdoc IScoringManager
    function slasher() external view returns (ISlasher) {
        return _slasher;
    }

    /// @inheritdoc IScoringManager
    function sortitionPool() external view returns (ISortitionPool) {
        return _pool;
    }

    /// @inheritdoc IScoringManager
    function registry() external view returns (IModelRegistry) {
        return _registry;
    }

    /// @inheritdoc IScoringManager
    function parameters() external view returns (Parameters memory) {
        return _storage().parameters;
    }

    /// @inheritdoc IScoringManager
    function contributorReward(IModelRegistry.AssetKind kind) external view returns (uint256) {
        return _storage().contributorRewards[uint8(kind)];
    }

    /// @inheritdoc IScoringManager
    function randomnessSource() external view returns (IRandomnessSource) {
        return _storage().randomnessSource;
    }

    /// @inheritdoc IScoringManager
    function roundCount() external view returns (uint256) {
        return _storage().roundCount;
    }

    /// @inheritdoc IScoringManager
    function round(uint256 roundId) external view returns (Round memory) {
        return _storage().rounds[roundId];
    }

    /// @inheritdoc IScoringManager
    function seatAt(uint256 roundId, uint256 seat) external view returns (Seat memory) {
        return _storage().seats[roundId][seat];
    }

    /// @inheritdoc IScoringManager
    function ballotOf(uint256 roundId, address validator) external view returns (Ballot memory) {
        return _storage().ballots[roundId][validator];
    }

    /// @inheritdoc IScoringManager
    function rewardOf(uint256 roundId, address validator) external view returns (uint256) {
        ScoringSettlement.ScoringStorage storage $ = _storage();
        return _shareOf($, $.rounds[roundId], roundId, $.ballots[roundId][validator]);
    }

    /// @inheritdoc IScoringManager
    function reservedRewards() external view returns (uint256) {
        return _storage().reserved;
    }

    /// @inheritdoc IScoringManager
    function rewardPool() external view returns (uint256) {
        return ScoringSettlement.rewardPool(_storage(), _token);
    }

    /// @inheritdoc IScoringManager
    function reputationOf(address contributor) external view returns (uint256) {
        return _storage().reputations[contributor];
    }

    /// @inheritdoc IScoringManager
    function commitmentOf(uint256 roundId, address validator, uint8 score, bytes32 digest, bytes32 salt)
        external
        pure
        returns (bytes32)
    {
        return _commitment(roundId, validator, score, digest, salt);
    }

    /// @inheritdoc IScoringManager
    function revealedDigestOf(uint256 roundId, address validator) external view returns (bytes32) {
        bytes32 digest = _storage().digests[roundId][validator];
        // Until the member reveals, its slot holds the draw's placeholder, which is no digest.
        return digest == ScoringSettlement.DIGEST_PLACEHOLDER ? bytes32(0) : digest;
    }

    /// @inheritdoc IScoringManager
    function benchmarkIdOf(bytes calldata datasetCid, bytes32 metricId) external pure returns (bytes32) {
        return keccak256(abi.encodePacked(metricId, datasetCid));
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _open(
        uint256 subjectId,
        bytes calldata datasetCid,
        bytes32 metricId,
        uint256 budget,
        uint256 committeeSize,
        address funder
    ) private returns (uint256 roundId) {
        if (committeeSize == 0 || committeeSize > MAX_COMMITTEE_SIZE) {
            revert ScoringInvalidCommitteeSize(committeeSize, MAX_COMMITTEE_SIZE);
        }
        ScoringSettlement.ScoringStorage storage $ = _storage();
        uint256 minimum = uint256($.parameters.minBudgetPerSeat) * committeeSize;
        if (budget < minimum) revert ScoringBudgetTooLow(budget, minimum);
        if (!_registry.exists(subjectId)) revert ScoringUnknownSubject(subjectId);

        roundId = ++$.roundCount;
        Round storage r = $.rounds[roundId];
        r.funder = funder;
        r.budget = budget.toUint96();
        r.subjectId = subjectId;
        r.benchmarkId = keccak256(abi.encodePacked(metricId, datasetCid));
        // Stake is read at the end of the second before opening: stake added in this block cannot be drawn.
        r.snapshotAt = uint40(block.timestamp - 1);
        r.seedBlock = block.number.toUint48();
        // forge-lint: disable-next-line(unsafe-typecast)
        r.committeeSize = uint8(committeeSize); // at most MAX_COMMITTEE_SIZE, checked above
        r.status = RoundStatus.Open;
        IModelRegistry.Model memory subject = _registry.modelOf(subjectId);
        r.kind = subject.kind;
        r.subjectOwner = subject.owner;
        $.reserved += budget;
        _emitOpened(roundId, datasetCid, metricId, r);
        // The seed is public before the draw runs: the weights it draws on must not move until then.
        _pool.freeze();
    }

    /// @dev Emits `RoundOpened` from the (warm) stored round. `r` comes last, nearest the top of the stack, so that
    /// the twelve arguments fit in it.
    function _emitOpened(uint256 roundId, bytes calldata datasetCid, bytes32 metricId, Round storage r) private {
        emit RoundOpened(
            roundId,
            r.subjectId,
            r.funder,
            r.subjectOwner,
            r.kind,
            r.benchmarkId,
            datasetCid,
            metricId,
            r.budget,
            r.committeeSize,
            r.snapshotAt,
            r.seedBlock
        );
    }

    /// @dev Marks `validator`'s share of `roundId` paid and returns it; zero when there is none.
    function _claim(ScoringSettlement.ScoringStorage storage $, uint256 roundId, address validator)
        private
        returns (uint256 amount)
    {
        Ballot storage stored = $.ballots[roundId][validator];
        amount = _shareOf($, $.rounds[roundId], roundId, stored);
        if (amount == 0) return 0;
        stored.state = BallotState.Claimed;
        $.reserved -= amount;
        emit RewardClaimed(roundId, validator, amount);
    }

    function _shareOf(
        ScoringSettlement.ScoringStorage storage $,
        Round storage r,
        uint256 roundId,
        Ballot memory ballot
    ) private view returns (uint256) {
        if (r.status != RoundStatus.Finalized || ballot.state != BallotState.Revealed) return 0;
        if (!ScoringSettlement.inBand(ballot.score, r.bandLow, r.bandHigh)) return 0;
        return ScoringSettlement.shareOf(r.budget, $.seats[roundId][ballot.seat].weight, r.rewardedWeight);
    }

    function _setParameters(Parameters calldata p) private {
        if (
            p.commitWindow == 0 || p.commitWindow > MAX_WINDOW || p.revealWindow == 0 || p.revealWindow > MAX_WINDOW
                || p.quorumCountBps == 0 || p.quorumCountBps > BPS || p.quorumStakeBps == 0 || p.quorumStakeBps > BPS
                || p.tolerance >= MAX_SCORE || p.lockShareBps == 0 || p.lockShareBps > BPS
                || p.reputationWeightBps > BPS || p.minBudgetPerSeat == 0 || p.minRewardScore > MAX_SCORE
        ) revert ScoringInvalidParameters(p);
        _storage().parameters = p;
        emit ParametersSet(p);
    }

    function _setContributorReward(IModelRegistry.AssetKind kind, uint256 amount) private {
        _storage().contributorRewards[uint8(kind)] = amount.toUint96();
        emit ContributorRewardSet(kind, amount);
    }

    function _commitment(uint256 roundId, address validator, uint8 score, bytes32 digest, bytes32 salt)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(roundId, validator, score, digest, salt));
    }

    function _modules() private view returns (ScoringSettlement.Modules memory) {
        return ScoringSettlement.Modules({
            token: _token, stakeManager: _stakeManager, slasher: _slasher, registry: _registry, pool: _pool
        });
    }

    function _storage() private pure returns (ScoringSettlement.ScoringStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STORAGE_LOCATION
        }
    }
}
