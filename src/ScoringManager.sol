// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {IDaimmToken} from "./interfaces/IDaimmToken.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IRandomnessSource, IScoringManager} from "./interfaces/IScoringManager.sol";
import {ISlasher, ISlasherTypes} from "./interfaces/ISlasher.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";
import {SortitionSumTree} from "./libraries/SortitionSumTree.sol";
import {WeightedMedian} from "./libraries/WeightedMedian.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
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
    using SortitionSumTree for SortitionSumTree.Tree;

    /*//////////////////////////////////////////////////////////////
                          CONSTANTS AND IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IScoringManager
    uint256 public constant MAX_COMMITTEE_SIZE = 32;

    /// @inheritdoc IScoringManager
    uint256 public constant MAX_WINDOW = 30 days;

    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_SCORE = 100;
    /// @dev Reputation of a contributor without rounds: the middle, a multiplier of 1.
    uint256 private constant NEUTRAL_REPUTATION = 5000;
    /// @dev Draws beyond the committee size spent on ineligible or rejected candidates before the draw gives up.
    uint256 private constant EXTRA_DRAWS = 8;
    /// @dev How far back `blockhash` sees.
    uint256 private constant BLOCKHASH_HORIZON = 256;

    /// @dev keccak256(abi.encode(uint256(keccak256("daimm.storage.ScoringManager")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x3e90bce99b10a0e018461b9e744ce97d17649ce1311f97448183e30a425fc900;

    IDaimmToken private immutable _token;
    IStakeManager private immutable _stakeManager;
    ISlasher private immutable _slasher;
    IModelRegistry private immutable _registry;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @custom:storage-location erc7201:daimm.storage.ScoringManager
    struct ScoringStorage {
        Parameters parameters;
        uint96[2] contributorRewards;
        IRandomnessSource randomnessSource;
        uint256 roundCount;
        uint256 reserved;
        mapping(uint256 roundId => Round) rounds;
        mapping(uint256 roundId => mapping(uint256 seat => Seat)) seats;
        mapping(uint256 roundId => mapping(address validator => Ballot)) ballots;
        /// @dev Reputation plus one, so zero means "no rounds yet".
        mapping(address contributor => uint256) reputations;
        SortitionSumTree.Tree sortition;
    }

    /// @dev A committee as finalize sees it; `scores[i]` is zero for a member that did not reveal.
    struct Tally {
        address[] validators;
        uint256[] weights;
        uint256[] scores;
        uint256 revealed;
        uint256 revealedWeight;
        uint256 totalWeight;
    }

    /// @dev A draw in progress: its inputs, and every candidate taken out of the tree so far.
    struct Draw {
        bytes32 seed;
        uint256 snapshotAt;
        uint256 lockShareBps;
        address contributor;
        address[] touched;
    }

    /// @dev A successful round's outcome.
    struct Result {
        uint256 consensus;
        uint256 bandLow;
        uint256 bandHigh;
        uint256 rewardedWeight;
        uint256 returned;
    }

    /*//////////////////////////////////////////////////////////////
                               INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
    constructor(IDaimmToken token_, IStakeManager stakeManager_, ISlasher slasher_, IModelRegistry registry_) {
        _token = token_;
        _stakeManager = stakeManager_;
        _slasher = slasher_;
        _registry = registry_;
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
        uint256 pool = _rewardPool(_storage());
        if (budget > pool) revert ScoringRewardPoolShort(pool, budget);
        roundId = _open(subjectId, datasetCid, metricId, budget, committeeSize, address(this));
    }

    /// @inheritdoc IScoringManager
    function drawCommittee(uint256 roundId) external whenNotPaused nonReentrant returns (uint256 seats) {
        ScoringStorage storage $ = _storage();
        Round storage stored = $.rounds[roundId];
        _expectStatus(roundId, stored.status, RoundStatus.Open);
        bytes32 seed = _seedOrMove($, stored, roundId);
        if (seed == 0) return 0;

        Round memory r = stored;
        Parameters memory p = $.parameters;
        (address[] memory members, uint256[] memory weights, uint256 filled) = _drawMembers($, r, seed, p.lockShareBps);
        if (filled == 0 || filled * BPS < uint256(p.quorumCountBps) * r.committeeSize) {
            stored.status = RoundStatus.Failed;
            _release($, r.budget);
            emit RoundFailed(roundId, 0, 0, r.budget);
            _refund(r);
            return 0;
        }
        _seat($, stored, roundId, seed, members, weights, filled, p);
        return filled;
    }

    /// @inheritdoc IScoringManager
    /// @dev Not paused: a pause must never make a member miss a window it is slashed for missing.
    function commit(uint256 roundId, bytes32 commitment) external {
        if (commitment == 0) revert ScoringZeroCommitment(roundId);
        ScoringStorage storage $ = _storage();
        Round storage r = $.rounds[roundId];
        _expectStatus(roundId, r.status, RoundStatus.Drawn);
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
    function reveal(uint256 roundId, uint8 score, bytes32 salt) external {
        if (score == 0 || score > MAX_SCORE) revert ScoringScoreOutOfRange(score);
        ScoringStorage storage $ = _storage();
        Round storage r = $.rounds[roundId];
        _expectStatus(roundId, r.status, RoundStatus.Drawn);
        (uint256 commitDeadline, uint256 revealDeadline) = (r.commitDeadline, r.revealDeadline);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= commitDeadline || block.timestamp > revealDeadline) {
            revert ScoringNotRevealWindow(roundId, commitDeadline, revealDeadline);
        }
        Ballot memory ballot = $.ballots[roundId][msg.sender];
        if (ballot.state == BallotState.None) revert ScoringNotMember(roundId, msg.sender);
        if (ballot.state != BallotState.Committed) revert ScoringNothingToReveal(roundId, msg.sender, ballot.state);
        // The hash binds the round and the validator: a copied commitment reveals for nobody else.
        if (ballot.commitment != bytes29(_commitment(roundId, msg.sender, score, salt))) {
            revert ScoringCommitmentMismatch(roundId, msg.sender);
        }
        ballot.score = score;
        ballot.state = BallotState.Revealed;
        $.ballots[roundId][msg.sender] = ballot;
        emit ScoreRevealed(roundId, msg.sender, score);
    }

    /// @inheritdoc IScoringManager
    function finalize(uint256 roundId) external whenNotPaused nonReentrant {
        ScoringStorage storage $ = _storage();
        Round memory r = $.rounds[roundId];
        _expectStatus(roundId, r.status, RoundStatus.Drawn);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= r.revealDeadline) revert ScoringRevealWindowOpen(roundId, r.revealDeadline);

        Tally memory tally = _tally($, roundId, r.seats);
        Parameters memory p = $.parameters;
        // A member that withholds its reveal shrinks the quorum; both the count and the stake must still be met.
        if (
            tally.revealed == 0 || tally.revealed * BPS < uint256(p.quorumCountBps) * r.seats
                || tally.revealedWeight * BPS < uint256(p.quorumStakeBps) * tally.totalWeight
        ) {
            $.rounds[roundId].status = RoundStatus.Failed;
            _release($, r.budget);
            emit RoundFailed(roundId, tally.revealed, tally.revealedWeight, r.budget);
            _settleMembers(roundId, r, tally, 0, MAX_SCORE);
            _refund(r);
            return;
        }
        _finalize($, roundId, r, tally, p);
    }

    /// @inheritdoc IScoringManager
    function claimReward(uint256 roundId) external nonReentrant returns (uint256 amount) {
        amount = _claim(_storage(), roundId, msg.sender);
        if (amount == 0) revert ScoringNothingToClaim(roundId, msg.sender);
        IERC20(address(_token)).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IScoringManager
    function claimRewards(uint256[] calldata roundIds) external nonReentrant returns (uint256 amount) {
        ScoringStorage storage $ = _storage();
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
    function updateSortitionWeight(address validator) external {
        _syncWeight(_storage().sortition, validator);
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

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

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
        ScoringStorage storage $ = _storage();
        return _shareOf($, $.rounds[roundId], roundId, $.ballots[roundId][validator]);
    }

    /// @inheritdoc IScoringManager
    function reservedRewards() external view returns (uint256) {
        return _storage().reserved;
    }

    /// @inheritdoc IScoringManager
    function rewardPool() external view returns (uint256) {
        return _rewardPool(_storage());
    }

    /// @inheritdoc IScoringManager
    function reputationOf(address contributor) public view returns (uint256) {
        uint256 stored = _storage().reputations[contributor];
        return stored == 0 ? NEUTRAL_REPUTATION : stored - 1;
    }

    /// @inheritdoc IScoringManager
    function sortitionWeightOf(address validator) external view returns (uint256) {
        return _storage().sortition.weightOf(validator);
    }

    /// @inheritdoc IScoringManager
    function totalSortitionWeight() external view returns (uint256) {
        return _storage().sortition.total;
    }

    /// @inheritdoc IScoringManager
    function commitmentOf(uint256 roundId, address validator, uint8 score, bytes32 salt)
        external
        pure
        returns (bytes32)
    {
        return _commitment(roundId, validator, score, salt);
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
        ScoringStorage storage $ = _storage();
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
        r.kind = _registry.modelOf(subjectId).kind;
        $.reserved += budget;
        _emitOpened(roundId, r, datasetCid, metricId);
    }

    function _emitOpened(uint256 roundId, Round storage r, bytes calldata datasetCid, bytes32 metricId) private {
        emit RoundOpened(
            roundId,
            r.subjectId,
            r.funder,
            r.benchmarkId,
            datasetCid,
            metricId,
            r.budget,
            r.committeeSize,
            r.snapshotAt,
            r.seedBlock
        );
    }

    /// @dev Draws up to `committeeSize` distinct eligible validators. Each drawn candidate leaves the tree for the
    /// rest of this draw (no one sits twice) and is then resynced to its current stake, so stale weights heal as
    /// they are drawn. A candidate is kept with probability min(1, snapshot stake / tree weight).
    function _drawMembers(ScoringStorage storage $, Round memory r, bytes32 seed, uint256 lockShareBps)
        private
        returns (address[] memory members, uint256[] memory weights, uint256 filled)
    {
        Draw memory draw = Draw({
            seed: seed,
            snapshotAt: r.snapshotAt,
            lockShareBps: lockShareBps,
            contributor: IERC721(address(_registry)).ownerOf(r.subjectId),
            touched: new address[](r.committeeSize + EXTRA_DRAWS)
        });
        members = new address[](r.committeeSize);
        weights = new uint256[](r.committeeSize);
        SortitionSumTree.Tree storage tree = $.sortition;

        uint256 attempts;
        for (; filled < members.length && attempts < draw.touched.length && tree.total != 0; ++attempts) {
            (address candidate, uint256 weight) = _drawOne(tree, draw, attempts);
            if (weight == 0) continue;
            members[filled] = candidate;
            weights[filled] = weight;
            ++filled;
        }
        for (uint256 i; i < attempts; ++i) {
            _syncWeight(tree, draw.touched[i]);
        }
    }

    /// @dev Draw number `attempt`: takes the candidate out of the tree and returns its weight if it is kept, else 0.
    function _drawOne(SortitionSumTree.Tree storage tree, Draw memory draw, uint256 attempt)
        private
        returns (address candidate, uint256 weight)
    {
        uint256 treeWeight;
        (candidate, treeWeight) = tree.draw(uint256(keccak256(abi.encode(draw.seed, attempt))) % tree.total);
        tree.set(candidate, 0);
        draw.touched[attempt] = candidate;
        // Nobody scores their own model.
        if (candidate == draw.contributor) return (candidate, 0);
        weight = _eligibleWeight(candidate, draw.snapshotAt, draw.lockShareBps);
        if (weight < treeWeight && uint256(keccak256(abi.encode(draw.seed, attempt, 1))) % treeWeight >= weight) {
            weight = 0;
        }
    }

    /// @dev The draw's seed. Without one yet, reverts; but when the default source's seed block aged out of
    /// `blockhash`'s reach, moves the seed block to this one (which nobody could predict) and returns zero.
    function _seedOrMove(ScoringStorage storage $, Round storage stored, uint256 roundId)
        private
        returns (bytes32 seed)
    {
        uint256 seedBlock = stored.seedBlock;
        seed = _seed($, roundId, seedBlock);
        if (seed != 0) return seed;
        if (address($.randomnessSource) == address(0) && block.number > seedBlock + BLOCKHASH_HORIZON) {
            stored.seedBlock = block.number.toUint48();
            emit SeedBlockMoved(roundId, block.number);
            return 0;
        }
        revert ScoringSeedNotReady(roundId, seedBlock);
    }

    /// @dev Writes the committee's seats and ballots and opens the commit window, then locks each member's share.
    function _seat(
        ScoringStorage storage $,
        Round storage stored,
        uint256 roundId,
        bytes32 seed,
        address[] memory members,
        uint256[] memory weights,
        uint256 filled,
        Parameters memory p
    ) private {
        uint256 commitDeadline = block.timestamp + p.commitWindow;
        uint256 revealDeadline = commitDeadline + p.revealWindow;
        stored.status = RoundStatus.Drawn;
        // forge-lint: disable-next-line(unsafe-typecast)
        stored.seats = uint8(filled); // at most the committee size
        stored.lockShareBps = p.lockShareBps;
        stored.commitDeadline = commitDeadline.toUint40();
        stored.revealDeadline = revealDeadline.toUint40();
        for (uint256 i; i < filled; ++i) {
            $.seats[roundId][i] = Seat({validator: members[i], weight: uint96(weights[i])});
            $.ballots[roundId][members[i]] = Ballot({
                commitment: bytes29(0),
                // forge-lint: disable-next-line(unsafe-typecast)
                seat: uint8(i), // below the committee size
                score: 0,
                state: BallotState.Drawn
            });
        }
        emit CommitteeDrawn(roundId, seed, filled, commitDeadline, revealDeadline);
        for (uint256 i; i < filled; ++i) {
            uint256 locked = _lockOf(weights[i], p.lockShareBps);
            emit MemberDrawn(roundId, members[i], i, weights[i], locked);
            _stakeManager.lock(members[i], locked);
        }
    }

    /// @dev `candidate`'s stake at the snapshot if it is in the validator set now and can lock its share; else 0.
    function _eligibleWeight(address candidate, uint256 snapshotAt, uint256 lockShareBps)
        private
        view
        returns (uint256 weight)
    {
        if (!_stakeManager.isValidator(candidate)) return 0;
        weight = _stakeManager.stakeAt(candidate, snapshotAt);
        if (weight == 0 || _stakeManager.unlockedStakeOf(candidate) < _lockOf(weight, lockShareBps)) return 0;
    }

    /// @dev Sets `validator`'s sortition weight to its active stake while it is in the validator set, else to zero.
    function _syncWeight(SortitionSumTree.Tree storage tree, address validator) private {
        uint256 weight = _stakeManager.isValidator(validator) ? _stakeManager.stakeOf(validator) : 0;
        if (tree.weightOf(validator) == weight) return;
        tree.set(validator, weight);
        emit SortitionWeightSet(validator, weight);
    }

    /// @dev Reads the committee's seats and ballots.
    function _tally(ScoringStorage storage $, uint256 roundId, uint256 seats)
        private
        view
        returns (Tally memory tally)
    {
        tally.validators = new address[](seats);
        tally.weights = new uint256[](seats);
        tally.scores = new uint256[](seats);
        for (uint256 i; i < seats; ++i) {
            Seat memory seat = $.seats[roundId][i];
            tally.validators[i] = seat.validator;
            tally.weights[i] = seat.weight;
            tally.totalWeight += seat.weight;
            Ballot memory ballot = $.ballots[roundId][seat.validator];
            if (ballot.state == BallotState.Revealed) {
                tally.scores[i] = ballot.score;
                tally.revealedWeight += seat.weight;
                ++tally.revealed;
            }
        }
    }

    /// @dev Consensus, band, rewards and reputation, written before any call out; then the calls.
    function _finalize(
        ScoringStorage storage $,
        uint256 roundId,
        Round memory r,
        Tally memory tally,
        Parameters memory p
    ) private {
        Result memory result = _result(r.budget, tally, p.tolerance);
        Round storage stored = $.rounds[roundId];
        stored.status = RoundStatus.Finalized;
        stored.consensus = uint8(result.consensus);
        stored.bandLow = uint8(result.bandLow);
        stored.bandHigh = uint8(result.bandHigh);
        stored.rewardedWeight = uint96(result.rewardedWeight);
        _release($, result.returned);

        address contributor = IERC721(address(_registry)).ownerOf(r.subjectId);
        (uint256 reward, uint256 reputation) = _rewardContributor($, r.kind, contributor, result.consensus, p);
        emit RoundFinalized(
            roundId,
            r.subjectId,
            result.consensus,
            result.bandLow,
            result.bandHigh,
            tally.revealedWeight,
            result.rewardedWeight,
            result.returned
        );
        emit ContributorRewarded(roundId, contributor, reward, reputation);

        _settleMembers(roundId, r, tally, result.bandLow, result.bandHigh);
        // forge-lint: disable-next-line(unsafe-typecast)
        _registry.recordEvaluation(r.subjectId, roundId.toUint64(), r.benchmarkId, uint8(result.consensus));
        if (reward != 0) IERC20(address(_token)).safeTransfer(contributor, reward);
    }

    /// @dev The consensus, its band, the weight sharing the budget, and the rounding the shares leave of it.
    function _result(uint256 budget, Tally memory tally, uint256 tolerance)
        private
        pure
        returns (Result memory result)
    {
        uint256 consensus = _consensus(tally);
        result.consensus = consensus;
        result.bandLow = consensus > tolerance ? consensus - tolerance : 1;
        result.bandHigh = Math.min(consensus + tolerance, MAX_SCORE);
        for (uint256 i; i < tally.scores.length; ++i) {
            if (_inBand(tally.scores[i], result.bandLow, result.bandHigh)) result.rewardedWeight += tally.weights[i];
        }
        // Shares round down; what they leave of the budget returns to the pool now, so the reserve stays exact.
        uint256 owed;
        for (uint256 i; i < tally.scores.length; ++i) {
            if (_inBand(tally.scores[i], result.bandLow, result.bandHigh)) {
                owed += Math.mulDiv(budget, tally.weights[i], result.rewardedWeight);
            }
        }
        result.returned = budget - owed;
    }

    /// @dev The stake-weighted median of the reveals.
    function _consensus(Tally memory tally) private pure returns (uint256) {
        uint256[] memory scores = new uint256[](tally.revealed);
        uint256[] memory weights = new uint256[](tally.revealed);
        uint256 j;
        for (uint256 i; i < tally.scores.length; ++i) {
            if (tally.scores[i] != 0) {
                scores[j] = tally.scores[i];
                weights[j] = tally.weights[i];
                ++j;
            }
        }
        return WeightedMedian.lowerMedian(scores, weights);
    }

    /// @dev The contributor's reward: base for the kind × score / 100 × (0.5 + reputation), paid from the pool as
    /// far as it reaches. The multiplier uses the reputation earned before this round, which this round then updates.
    function _rewardContributor(
        ScoringStorage storage $,
        IModelRegistry.AssetKind kind,
        address contributor,
        uint256 consensus,
        Parameters memory p
    ) private returns (uint256 reward, uint256 reputation) {
        uint256 previous = reputationOf(contributor);
        reward = uint256($.contributorRewards[uint8(kind)]) * consensus * (NEUTRAL_REPUTATION + previous)
            / (MAX_SCORE * BPS);
        reward = Math.min(reward, _rewardPool($));
        reputation =
            (previous * (BPS - p.reputationWeightBps) + consensus * (BPS / MAX_SCORE) * p.reputationWeightBps) / BPS;
        $.reputations[contributor] = reputation + 1;
    }

    /// @dev Releases every member's lock and reports non-revealers, and reveals outside [bandLow, bandHigh].
    function _settleMembers(uint256 roundId, Round memory r, Tally memory tally, uint256 bandLow, uint256 bandHigh)
        private
    {
        for (uint256 i; i < tally.validators.length; ++i) {
            address validator = tally.validators[i];
            _stakeManager.unlock(validator, _lockOf(tally.weights[i], r.lockShareBps));
            uint256 score = tally.scores[i];
            if (score == 0) {
                _report(roundId, validator, ISlasherTypes.OffenceKind.NoReveal);
            } else if (!_inBand(score, bandLow, bandHigh)) {
                _report(roundId, validator, ISlasherTypes.OffenceKind.Outlier);
            }
        }
    }

    function _report(uint256 roundId, address validator, ISlasherTypes.OffenceKind kind) private {
        (bytes32 offenceId,, uint256 slashed) = _slasher.reportOffence(validator, kind, bytes32(roundId));
        emit MemberReported(roundId, validator, kind, offenceId, slashed);
    }

    /// @dev Marks `validator`'s share of `roundId` paid and returns it; zero when there is none.
    function _claim(ScoringStorage storage $, uint256 roundId, address validator) private returns (uint256 amount) {
        Ballot storage stored = $.ballots[roundId][validator];
        amount = _shareOf($, $.rounds[roundId], roundId, stored);
        if (amount == 0) return 0;
        stored.state = BallotState.Claimed;
        $.reserved -= amount;
        emit RewardClaimed(roundId, validator, amount);
    }

    function _shareOf(ScoringStorage storage $, Round storage r, uint256 roundId, Ballot memory ballot)
        private
        view
        returns (uint256)
    {
        if (r.status != RoundStatus.Finalized || ballot.state != BallotState.Revealed) return 0;
        if (!_inBand(ballot.score, r.bandLow, r.bandHigh)) return 0;
        return Math.mulDiv(r.budget, $.seats[roundId][ballot.seat].weight, r.rewardedWeight);
    }

    /// @dev Pays a failed round's budget back to its funder; a pool-funded budget simply stays in the pool.
    function _refund(Round memory r) private {
        if (r.funder != address(this)) IERC20(address(_token)).safeTransfer(r.funder, r.budget);
    }

    function _release(ScoringStorage storage $, uint256 amount) private {
        $.reserved -= amount;
    }

    function _seed(ScoringStorage storage $, uint256 roundId, uint256 seedBlock) private view returns (bytes32) {
        IRandomnessSource source = $.randomnessSource;
        if (address(source) != address(0)) return source.randomness(roundId, seedBlock);
        if (block.number <= seedBlock) return 0;
        bytes32 hash = blockhash(seedBlock);
        return hash == 0 ? bytes32(0) : keccak256(abi.encode(hash, roundId));
    }

    function _rewardPool(ScoringStorage storage $) private view returns (uint256) {
        return _token.balanceOf(address(this)) - $.reserved;
    }

    function _setParameters(Parameters calldata p) private {
        if (
            p.commitWindow == 0 || p.commitWindow > MAX_WINDOW || p.revealWindow == 0 || p.revealWindow > MAX_WINDOW
                || p.quorumCountBps == 0 || p.quorumCountBps > BPS || p.quorumStakeBps == 0 || p.quorumStakeBps > BPS
                || p.tolerance >= MAX_SCORE || p.lockShareBps == 0 || p.lockShareBps > BPS
                || p.reputationWeightBps > BPS || p.minBudgetPerSeat == 0
        ) revert ScoringInvalidParameters(p);
        _storage().parameters = p;
        emit ParametersSet(p);
    }

    function _setContributorReward(IModelRegistry.AssetKind kind, uint256 amount) private {
        _storage().contributorRewards[uint8(kind)] = amount.toUint96();
        emit ContributorRewardSet(kind, amount);
    }

    function _expectStatus(uint256 roundId, RoundStatus status, RoundStatus expected) private pure {
        if (status != expected) revert ScoringWrongStatus(roundId, status, expected);
    }

    function _inBand(uint256 score, uint256 bandLow, uint256 bandHigh) private pure returns (bool) {
        return score != 0 && score >= bandLow && score <= bandHigh;
    }

    /// @dev The stake locked for a seat: its share of the weight, rounded up so a seat never locks nothing.
    function _lockOf(uint256 weight, uint256 lockShareBps) private pure returns (uint256) {
        return Math.mulDiv(weight, lockShareBps, BPS, Math.Rounding.Ceil);
    }

    function _commitment(uint256 roundId, address validator, uint8 score, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(roundId, validator, score, salt));
    }

    function _storage() private pure returns (ScoringStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STORAGE_LOCATION
        }
    }
}
