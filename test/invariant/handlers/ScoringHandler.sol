// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmToken} from "../../../src/DaimmToken.sol";
import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {ScoringManager} from "../../../src/ScoringManager.sol";
import {Slasher} from "../../../src/Slasher.sol";
import {SortitionPool} from "../../../src/SortitionPool.sol";
import {StakeManager} from "../../../src/StakeManager.sol";
import {IScoringManagerErrors, IScoringTypes} from "../../../src/interfaces/IScoringManager.sol";
import {ISlasherTypes} from "../../../src/interfaces/ISlasher.sol";
import {ISortitionPool} from "../../../src/interfaces/ISortitionPool.sol";
import {SeatLock} from "../../../src/libraries/SeatLock.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives scoring rounds end to end — stakes and weight syncs, openings (paid and pool-funded), draws,
/// commits, reveals, finalization, offender reports and claims, with time and blocks moving — over validators of
/// varied stakes, a publisher that also validates, a funder and an outsider, and keeps an independent model of every
/// round and ballot: who sits with which weight and lock, what was committed and with which opening, what was
/// revealed, the consensus and band, what each member is owed and was paid.
/// @dev Every call is predicted by the model: an expected success that fails reverts the handler
/// (`fail_on_revert`), an expected failure must revert with exactly the predicted custom error (else the handler
/// reverts), and an expected failure that succeeds is counted in a `ghost_` violation counter that the invariants
/// require to stay zero. Hostile calls (another validator's opening, another round's commitment, wrong salts, reveals
/// outside the window, non-members, early finalization, draws before the seed block, unauthorized module calls)
/// are therefore asserted on their error, not merely tolerated.
contract ScoringHandler is CommonBase, StdUtils {
    uint256 private constant BPS = 10_000;
    uint8 private constant MAX_SCORE = 100;
    /// @dev Rounds per run: enough for several to overlap and settle within a run's depth, few enough for the
    /// invariants to read them all after every call.
    uint256 public constant MAX_ROUNDS = 12;
    uint256 public constant MAX_SEATS = 7;
    /// @dev Rounds open or drawn at once; more would mostly expire while time serves the others.
    uint256 private constant MAX_UNDER_WAY = 3;
    uint256 private constant MAX_TOP_UP = 50_000 ether;
    bytes32 private constant METRIC = "accuracy";

    /// @dev What the model knows of a round.
    struct GhostRound {
        address funder;
        address ownerAtOpening;
        uint256 subjectId;
        uint256 budget;
        uint256 committeeSize;
        IScoringTypes.RoundStatus status;
        uint256 seats;
        uint256 commitDeadline;
        uint256 revealDeadline;
        uint256 lockShareBps;
        uint256 totalWeight;
        uint256 revealed;
        uint256 revealedWeight;
        uint256 minScore;
        uint256 maxScore;
        uint256 consensus;
        uint256 bandLow;
        uint256 bandHigh;
        uint256 rewardedWeight;
        uint256 owed;
        uint256 paid;
        /// @dev The contributor reward held for the round (reserved until released).
        uint256 held;
        /// @dev Opened on the approved benchmark (contributor rewards, reputation, the registry's record).
        bool approved;
        /// @dev Nobody can evaluate it (the griefer's): honest members commit an abstention.
        bool unevaluable;
    }

    /// @dev What the model knows of one seat: its weight and lock, the last commitment and the opening (score and
    /// salt) its owner would reveal, and what happened since.
    struct GhostBallot {
        bool seated;
        bool committed;
        bool revealed;
        bool claimed;
        bool reported;
        bool abstained;
        uint8 score;
        uint8 revealedScore;
        uint256 weight;
        uint256 locked;
        bytes32 commitment;
        bytes32 salt;
    }

    /// @dev What a picked round should preferably be ready for.
    enum Want {
        Draw,
        Commit,
        Reveal,
        Finalize,
        Report,
        Claim,
        Progress
    }

    ScoringManager public immutable scoring;
    SortitionPool public immutable pool;
    StakeManager public immutable stakeManager;
    Slasher public immutable slasher;
    ModelRegistry public immutable registry;
    DaimmToken public immutable token;
    address public immutable funder;
    address public immutable governance;
    address public immutable outsider;

    address[] public validators;
    uint256[] public subjects;

    mapping(uint256 roundId => GhostRound) private _rounds;
    mapping(uint256 roundId => mapping(address validator => GhostBallot)) private _ballots;
    mapping(uint256 roundId => address[]) private _members;
    mapping(uint256 subjectId => bool) private _rewardedPair;
    /// @dev Stake each validator must have locked: the locks of its seats not yet released.
    mapping(address validator => uint256) public ghost_locked;
    /// @dev Pool weights when the pool last froze (pending draws went from 0 to 1).
    mapping(address validator => uint256) public ghost_frozenWeight;
    uint256 public ghost_frozenTotal;

    // Violations: each must stay zero.
    /// @dev A reveal the model rejects (outside its window, by a non-member, of another round's or another
    /// validator's commitment, with a wrong salt or score) went through.
    uint256 public ghost_badRevealsAccepted;
    /// @dev A commitment the model rejects (zero, late, by a non-member, in an unopened round) went through.
    uint256 public ghost_badCommitsAccepted;
    /// @dev A pool weight moved while a draw was pending, or a sync did not set the StakeManager's value.
    uint256 public ghost_weightViolations;
    /// @dev A member seated outside the validator set, or the subject's owner at opening, or twice, or with a
    /// weight other than its stake at the snapshot; or a draw or seed move that did not do what the model says (a
    /// repeated or early draw that went through included).
    uint256 public ghost_seatViolations;
    /// @dev Finalization or a report disagreed with the model: quorum, consensus, band, rewarded weight, count.
    uint256 public ghost_settlementMismatches;
    /// @dev A claim paid other than the model's share, or a claim or finalization the model rejects (a second claim,
    /// a non-member's, an early or repeated finalization) went through.
    uint256 public ghost_payoutViolations;
    uint256 public ghost_unauthorizedSuccesses;

    // Adversaries (set by `setAdversaries`) and their ghosts.
    /// @dev The reward farmer: owns `farmSubject`, staked as a contributor, and opens rounds on it on the approved
    /// benchmark; its sybil is one of the validators and always reveals 100 in them.
    address public farmer;
    address public sybil;
    uint256 public farmSubject;
    bytes public approvedCid;
    /// @dev What the farmer (with its sybil) put into rounds on its subject, and took out of the ScoringManager for
    /// them (the sybil's claims of those rounds and the contributor rewards paid to the farmer).
    uint256 public ghost_farmerIn;
    uint256 public ghost_farmerOut;
    /// @dev The griefer opens rounds nobody can evaluate; refunds only come from draws that seated nobody.
    address public griefer;
    uint256 public ghost_grieferIn;
    uint256 public ghost_grieferRefunds;
    uint256 public ghost_grieferStart;
    /// @dev Per validator: stake it put in (active plus unbonding, nothing is withdrawn here), and whether it was
    /// ever reported. A validator never reported must still hold all of it.
    mapping(address validator => uint256) public ghost_principal;
    mapping(address validator => bool) public ghost_offended;
    /// @dev A settlement the front-running opener blocked with a round opened in the same block.
    uint256 public ghost_frontRunBlocks;
    /// @dev A draw after the seed aged out that did anything but fail the round at its opener's cost.
    uint256 public ghost_rerolls;
    /// @dev The mover: an owner with a record moves a subject to a fresh address, staked as a contributor so it could
    /// earn. Each fresh address, and whether it has earned a contributor reward of its own since.
    address[] public freshOwners;
    mapping(address contributor => bool) public ghost_rewardedContributor;
    /// @dev A move after which the new owner's reward multiplier (0.5 + reputation) was above the old owner's.
    uint256 public ghost_multiplierRaisedByMove;

    // Coverage (never asserted): how often the interesting paths ran.
    uint256 public ghost_draws;
    uint256 public ghost_failedDraws;
    uint256 public ghost_seedMoves;
    uint256 public ghost_reveals;
    uint256 public ghost_rejectedReveals;
    uint256 public ghost_finalized;
    uint256 public ghost_failedRounds;
    uint256 public ghost_reports;
    uint256 public ghost_claims;
    uint256 public ghost_frozenSyncs;
    uint256 public ghost_abstentions;
    uint256 public ghost_farmRounds;
    uint256 public ghost_griefRounds;
    uint256 public ghost_frontRuns;
    uint256 public ghost_heldRewards;
    uint256 public ghost_releasedRewards;
    uint256 public ghost_moves;

    error ScoringHandlerUnexpectedFailure(string action, bytes reason);
    error ScoringHandlerWrongError(string action, bytes expected, bytes actual);

    constructor(
        ScoringManager scoring_,
        ModelRegistry registry_,
        address funder_,
        address governance_,
        address outsider_,
        address[] memory validators_,
        uint256[] memory subjects_
    ) {
        scoring = scoring_;
        pool = SortitionPool(address(scoring_.sortitionPool()));
        stakeManager = StakeManager(address(scoring_.stakeManager()));
        slasher = Slasher(address(scoring_.slasher()));
        registry = registry_;
        token = DaimmToken(address(scoring_.token()));
        funder = funder_;
        governance = governance_;
        outsider = outsider_;
        validators = validators_;
        subjects = subjects_;
        for (uint256 i; i < validators_.length; ++i) {
            _call(
                validators_[i],
                address(token),
                abi.encodeCall(token.approve, (address(stakeManager), type(uint256).max))
            );
            _call(validators_[i], address(token), abi.encodeCall(token.approve, (address(scoring_), type(uint256).max)));
        }
        _call(funder_, address(token), abi.encodeCall(token.approve, (address(scoring_), type(uint256).max)));
        for (uint256 i; i < validators_.length; ++i) {
            ghost_principal[validators_[i]] =
                stakeManager.stakeOf(validators_[i]) + stakeManager.unbondingOf(validators_[i]);
        }
    }

    /// @notice Names the adversaries (funded and, for the farmer, staked and owning `farmSubject_` beforehand).
    function setAdversaries(
        address farmer_,
        address sybil_,
        uint256 farmSubject_,
        bytes memory approvedCid_,
        address griefer_
    ) external {
        (farmer, sybil, farmSubject, approvedCid, griefer) = (farmer_, sybil_, farmSubject_, approvedCid_, griefer_);
        _call(farmer_, address(token), abi.encodeCall(token.approve, (address(scoring), type(uint256).max)));
        _call(griefer_, address(token), abi.encodeCall(token.approve, (address(scoring), type(uint256).max)));
        ghost_grieferStart = token.balanceOf(griefer_);
    }

    /*//////////////////////////////////////////////////////////////
                          STAKE AND POOL WEIGHTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A validator changes its stake, then perhaps syncs its pool weight (which reverts while a draw is
    /// pending): it joins or tops up; or queues part of its unlocked stake for unbonding (perhaps leaving the
    /// validator set, its pool weight stale); or leaves or rejoins the validator set.
    function changeStake(uint256 actorSeed, uint256 amount, uint256 mode, bool sync) external {
        address validator = _validator(actorSeed);
        bytes memory data;
        mode = mode % 4;
        if (mode < 2) {
            data = abi.encodeCall(stakeManager.stakeAsValidator, (bound(amount, 1, MAX_TOP_UP)));
        } else if (mode == 2) {
            uint256 unlocked = stakeManager.unlockedStakeOf(validator);
            if (unlocked == 0 || stakeManager.unbondingRequests(validator).length >= 15) return;
            data = abi.encodeCall(stakeManager.requestUnstake, (bound(amount, 1, unlocked)));
        } else {
            data = stakeManager.isRegisteredValidator(validator)
                ? abi.encodeCall(stakeManager.deregisterValidator, ())
                : abi.encodeCall(stakeManager.registerValidator, ());
        }
        (bool ok, bytes memory result) = _call(validator, address(stakeManager), data);
        _check("changeStake", ok, result, "");
        if (mode < 2) ghost_principal[validator] += bound(amount, 1, MAX_TOP_UP);
        if (sync) _updateWeight(validator, validator);
    }

    /// @notice Anyone (a validator or the outsider) syncs any validator's pool weight.
    function updateWeight(uint256 callerSeed, uint256 validatorSeed) external {
        address caller = callerSeed % 4 == 0 ? outsider : _validator(callerSeed >> 2);
        _updateWeight(caller, _validator(validatorSeed));
    }

    /// @dev The subject changes hands to a validator; rounds already open keep excluding the owner they recorded.
    function _transferSubject(uint256 subjectId, uint256 toSeed) private {
        address owner = registry.ownerOf(subjectId);
        address to = _validator(toSeed);
        if (to == owner) return;
        (bool ok, bytes memory result) =
            _call(owner, address(registry), abi.encodeCall(registry.transferFrom, (owner, to, subjectId)));
        _check("transfer", ok, result, "");
    }

    /*//////////////////////////////////////////////////////////////
                                 OPENING
    //////////////////////////////////////////////////////////////*/

    /// @notice A round opens: paid by the funder (sometimes with a validator flash-staking in the opening block just
    /// before), or by governance from the reward pool (which the funder tops up first when it is short).
    function openRound(uint256 subjectSeed, uint256 budget, uint256 size, uint256 flags) external {
        if (scoring.roundCount() >= MAX_ROUNDS || _underWay() >= MAX_UNDER_WAY) return;
        size = bound(size, 1, MAX_SEATS);
        uint256 minimum = uint256(scoring.parameters().minBudgetPerSeat) * size;
        budget = bound(budget, minimum, 20 * minimum);
        uint256 subjectId = subjects[bound(subjectSeed, 0, subjects.length - 1)];
        if (flags % 3 == 0) {
            uint256 available = scoring.rewardPool();
            if (available < budget) {
                (bool funded, bytes memory reason) =
                    _call(funder, address(scoring), abi.encodeCall(scoring.fundRewardPool, (budget - available)));
                _check("fundRewardPool", funded, reason, "");
            }
            _open(governance, subjectId, budget, size);
            return;
        }
        if (flags % 4 == 0) {
            // Staked in the opening block: the snapshot (the second before) must not see it.
            address flash = _validator(flags >> 2);
            (bool staked, bytes memory reason) =
                _call(flash, address(stakeManager), abi.encodeCall(stakeManager.stakeAsValidator, (MAX_TOP_UP)));
            _check("flash stake", staked, reason, "");
            ghost_principal[flash] += MAX_TOP_UP;
        }
        _open(funder, subjectId, budget, size);
    }

    function _open(address opener, uint256 subjectId, uint256 budget, uint256 size) private returns (uint256) {
        return _openOn(opener, subjectId, "", budget, size);
    }

    function _openOn(address opener, uint256 subjectId, bytes memory cid, uint256 budget, uint256 size)
        private
        returns (uint256 roundId)
    {
        uint256 pendingBefore = pool.pendingDraws();
        bytes memory data = opener == governance
            ? abi.encodeCall(scoring.openRoundFromPool, (subjectId, cid, METRIC, budget, size))
            : abi.encodeCall(scoring.openRound, (subjectId, cid, METRIC, budget, size));
        (bool ok, bytes memory result) = _call(opener, address(scoring), data);
        _check("openRound", ok, result, "");
        roundId = abi.decode(result, (uint256));

        GhostRound storage g = _rounds[roundId];
        g.funder = opener == governance ? address(scoring) : opener;
        g.ownerAtOpening = registry.ownerOf(subjectId);
        g.subjectId = subjectId;
        g.budget = budget;
        g.committeeSize = size;
        g.status = IScoringTypes.RoundStatus.Open;
        g.minScore = type(uint256).max;
        g.approved = scoring.isBenchmarkApproved(scoring.round(roundId).benchmarkId);
        if (pendingBefore == 0) {
            uint256 total = 0;
            for (uint256 i; i < validators.length; ++i) {
                uint256 weight = pool.weightOf(validators[i]);
                ghost_frozenWeight[validators[i]] = weight;
                total += weight;
            }
            ghost_frozenTotal = total;
        }
        if (pool.pendingDraws() != pendingBefore + 1) ++ghost_weightViolations;
    }

    /*//////////////////////////////////////////////////////////////
                                  DRAW
    //////////////////////////////////////////////////////////////*/

    /// @notice Anyone draws an open round's committee, after its seed block (or, one time in four, perhaps in it).
    /// Sometimes the subject changes hands first (the owner at opening must still be excluded); and now and then a
    /// round in another status is picked, whose draw must fail.
    function drawCommittee(uint256 roundSeed, uint256 flags) external {
        uint256 roundId = _pick(roundSeed, Want.Draw);
        if (flags % 3 == 1 && _rounds[roundId].status == IScoringTypes.RoundStatus.Open) {
            _transferSubject(_rounds[roundId].subjectId, flags >> 8);
        }
        _draw(roundId, flags % 4 == 0, roundSeed);
    }

    function _draw(uint256 roundId, bool early, uint256 callerSeed) private {
        GhostRound storage g = _rounds[roundId];
        uint256 seedBlock = scoring.round(roundId).seedBlock;
        if (!early && g.status == IScoringTypes.RoundStatus.Open && block.number <= seedBlock) {
            vm.roll(block.number + 1);
            vm.warp(block.timestamp + 1);
        }
        bytes memory expected = "";
        if (g.status != IScoringTypes.RoundStatus.Open) {
            expected = abi.encodeWithSelector(
                IScoringManagerErrors.ScoringWrongStatus.selector, roundId, g.status, IScoringTypes.RoundStatus.Open
            );
        } else if (block.number <= seedBlock) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringSeedNotReady.selector, roundId, seedBlock);
        }
        uint256 pendingBefore = pool.pendingDraws();
        (bool ok, bytes memory result) =
            _call(_anyone(callerSeed), address(scoring), abi.encodeCall(scoring.drawCommittee, (roundId)));
        if (_check("drawCommittee", ok, result, expected)) ++ghost_seatViolations;
        if (!ok || expected.length != 0) return;

        uint256 seats = abi.decode(result, (uint256));
        if (block.number > seedBlock + 256) {
            // The seed block aged out of `blockhash`: no re-roll, the round fails at its opener's cost (no refund),
            // and its pending draw ends.
            ++ghost_seedMoves;
            IScoringTypes.Round memory failed = scoring.round(roundId);
            if (seats != 0 || failed.seedBlock != seedBlock || failed.status != IScoringTypes.RoundStatus.Failed) {
                ++ghost_rerolls;
            }
            if (pool.pendingDraws() != pendingBefore - 1) ++ghost_weightViolations;
            g.status = IScoringTypes.RoundStatus.Failed;
            return;
        }
        if (pool.pendingDraws() != pendingBefore - 1) ++ghost_weightViolations;
        _recordDraw(roundId, seats);
    }

    function _recordDraw(uint256 roundId, uint256 seats) private {
        GhostRound storage g = _rounds[roundId];
        IScoringTypes.Round memory r = scoring.round(roundId);
        IScoringTypes.Parameters memory p = scoring.parameters();
        if (r.status == IScoringTypes.RoundStatus.Failed) {
            // Too few eligible candidates for the count quorum: refunded, nobody seated.
            ++ghost_failedDraws;
            if (g.funder == griefer) ghost_grieferRefunds += g.budget;
            g.status = IScoringTypes.RoundStatus.Failed;
            if (seats != 0 || r.seats != 0) ++ghost_seatViolations;
            return;
        }
        ++ghost_draws;
        g.status = IScoringTypes.RoundStatus.Drawn;
        g.seats = r.seats;
        g.commitDeadline = r.commitDeadline;
        g.revealDeadline = r.revealDeadline;
        g.lockShareBps = r.lockShareBps;
        if (
            r.status != IScoringTypes.RoundStatus.Drawn || seats != r.seats || seats > g.committeeSize
                || seats * BPS < uint256(p.quorumCountBps) * g.committeeSize
                || r.commitDeadline != block.timestamp + p.commitWindow
                || r.revealDeadline != block.timestamp + p.commitWindow + p.revealWindow
                || r.lockShareBps != p.lockShareBps || r.subjectOwner != g.ownerAtOpening
        ) ++ghost_seatViolations;
        for (uint256 i; i < seats; ++i) {
            IScoringTypes.Seat memory seat = scoring.seatAt(roundId, i);
            _seat(roundId, seat.validator, seat.weight, r.snapshotAt);
        }
    }

    /// @dev Checks one new seat against the rules of the draw and enters it in the model.
    function _seat(uint256 roundId, address member, uint256 weight, uint256 snapshotAt) private {
        GhostRound storage g = _rounds[roundId];
        GhostBallot storage b = _ballots[roundId][member];
        // In the set when drawn (this very transaction), never the owner at opening, once, with its snapshot stake.
        if (
            !stakeManager.isValidator(member) || member == g.ownerAtOpening || b.seated || weight == 0
                || weight != stakeManager.stakeAt(member, snapshotAt)
        ) ++ghost_seatViolations;
        b.seated = true;
        b.weight = weight;
        b.locked = SeatLock.amount(weight, g.lockShareBps);
        ghost_locked[member] += b.locked;
        g.totalWeight += weight;
        _members[roundId].push(member);
    }

    /*//////////////////////////////////////////////////////////////
                             COMMIT AND REVEAL
    //////////////////////////////////////////////////////////////*/

    /// @notice One commitment: mostly a member's honest one; otherwise a copy of another member's commitment, the
    /// hash of the member's opening for another round, a zero commitment, or an outsider's.
    function commit(uint256 roundSeed, uint256 memberSeed, uint256 scoreSeed, uint256 mode) external {
        uint256 roundId = _pick(roundSeed, Want.Commit);
        address member = _member(roundId, memberSeed);
        uint8 score = _scoreOf(roundId, member, scoreSeed);
        bytes32 salt = keccak256(abi.encode("salt", roundId, member, scoreSeed));
        bytes32 commitment = _hash(roundId, member, score, salt);
        mode = mode % 8;
        if (mode == 4) {
            // Copies another member's commitment (UMA #1216), with its opening.
            address source = _member(roundId, memberSeed >> 8);
            GhostBallot storage copied = _ballots[roundId][source];
            if (copied.committed && source != member) {
                (commitment, score, salt) = (copied.commitment, copied.score, copied.salt);
            }
        } else if (mode == 5) {
            // The member's honest hash for a different round.
            commitment = _hash(roundId + 1 + (scoreSeed % 3), member, score, salt);
        } else if (mode == 6) {
            commitment = 0;
        } else if (mode == 7) {
            member = outsider;
            commitment = _hash(roundId, member, score, salt);
        }
        _commit(roundId, member, commitment, score, salt);
    }

    /// @notice Honest commitments by the members in `mask` (bits 2i, 2i+1: seat i, mostly set).
    /// When no round is in its commit window, an open round is drawn first.
    function commitMany(uint256 roundSeed, uint256 mask, uint256 scoreSeed) external {
        uint256 roundId = _pick(roundSeed, Want.Commit);
        if (!_ready(roundId, Want.Commit) && roundSeed % 8 != 0) {
            uint256 open = _pick(roundSeed, Want.Draw);
            if (_rounds[open].status == IScoringTypes.RoundStatus.Open) {
                _draw(open, false, scoreSeed);
                roundId = open;
            }
        }
        address[] storage members = _members[roundId];
        for (uint256 i; i < members.length; ++i) {
            if ((mask >> (2 * i)) & 3 == 0) continue;
            address member = members[i];
            uint256 seed = uint256(keccak256(abi.encode(scoreSeed, i)));
            uint8 score = _scoreOf(roundId, member, seed);
            bytes32 salt = keccak256(abi.encode("salt", roundId, member, seed));
            _commit(roundId, member, _hash(roundId, member, score, salt), score, salt);
        }
    }

    /// @notice One reveal: mostly a member's own opening; otherwise a wrong salt, a wrong score, another validator
    /// revealing the member's opening, the opening revealed in another round, or an out-of-range score.
    function reveal(uint256 roundSeed, uint256 memberSeed, uint256 mode, uint256 extra) external {
        uint256 roundId = _pick(roundSeed, Want.Reveal);
        address member = _member(roundId, memberSeed);
        GhostBallot storage b = _ballots[roundId][member];
        (uint8 score, bytes32 salt) =
            b.committed ? (b.score, b.salt) : (_scoreOf(roundId, member, extra), bytes32(extra));
        address caller = member;
        uint256 target = roundId;
        mode = mode % 9;
        if (mode == 3) {
            salt = keccak256(abi.encode(salt));
        } else if (mode == 4) {
            score = score % MAX_SCORE + 1;
        } else if (mode == 5) {
            caller = extra % 3 == 0 ? outsider : _validator(extra);
        } else if (mode == 6) {
            target = bound(extra, 1, scoring.roundCount() + 1);
        } else if (mode == 7) {
            score = extra % 2 == 0 ? 0 : uint8(bound(extra, MAX_SCORE + 1, type(uint8).max));
        }
        bool honest = caller == member && target == roundId && mode < 3;
        if (!_reveal(target, caller, score, salt) && !honest) ++ghost_rejectedReveals;
    }

    /// @notice Honest reveals by the members in `mask` (bits 2i, 2i+1: seat i, mostly set) that committed; during a
    /// drawn round's commit window, time first moves into its reveal window (up to an hour in).
    function revealMany(uint256 roundSeed, uint256 mask) external {
        uint256 roundId = _pick(roundSeed, Want.Reveal);
        GhostRound storage g = _rounds[roundId];
        if (g.status == IScoringTypes.RoundStatus.Drawn && block.timestamp <= g.commitDeadline) {
            vm.roll(block.number + 1);
            vm.warp(g.commitDeadline + 1 + (mask >> 32) % 1 hours);
        }
        address[] storage members = _members[roundId];
        for (uint256 i; i < members.length; ++i) {
            GhostBallot storage b = _ballots[roundId][members[i]];
            if ((mask >> (2 * i)) & 3 == 0 || !b.committed || b.revealed || b.abstained) continue;
            _reveal(roundId, members[i], b.score, b.salt);
        }
    }

    function _commit(uint256 roundId, address caller, bytes32 commitment, uint8 score, bytes32 salt) private {
        GhostRound storage g = _rounds[roundId];
        GhostBallot storage b = _ballots[roundId][caller];
        bytes memory expected = "";
        if (commitment == 0) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringZeroCommitment.selector, roundId);
        } else if (g.status != IScoringTypes.RoundStatus.Drawn) {
            expected = _wrongStatus(roundId, g.status, IScoringTypes.RoundStatus.Drawn);
        } else if (block.timestamp > g.commitDeadline) {
            expected =
                abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitClosed.selector, roundId, g.commitDeadline);
        } else if (!b.seated) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringNotMember.selector, roundId, caller);
        }
        (bool ok, bytes memory result) =
            _call(caller, address(scoring), abi.encodeCall(scoring.commit, (roundId, commitment)));
        if (_check("commit", ok, result, expected)) ++ghost_badCommitsAccepted;
        if (!ok || expected.length != 0) return;
        // A later commitment replaces an earlier one (the windows never overlap, so nothing was revealed yet).
        b.committed = true;
        b.commitment = commitment;
        b.score = score;
        b.salt = salt;
    }

    /// @return accepted Whether the reveal went through.
    function _reveal(uint256 roundId, address caller, uint8 score, bytes32 salt) private returns (bool accepted) {
        GhostRound storage g = _rounds[roundId];
        GhostBallot storage b = _ballots[roundId][caller];
        bytes memory expected = "";
        if (score > MAX_SCORE) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringScoreOutOfRange.selector, score);
        } else if (g.status != IScoringTypes.RoundStatus.Drawn) {
            expected = _wrongStatus(roundId, g.status, IScoringTypes.RoundStatus.Drawn);
        } else if (block.timestamp <= g.commitDeadline || block.timestamp > g.revealDeadline) {
            expected = abi.encodeWithSelector(
                IScoringManagerErrors.ScoringNotRevealWindow.selector, roundId, g.commitDeadline, g.revealDeadline
            );
        } else if (!b.seated) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringNotMember.selector, roundId, caller);
        } else if (!b.committed || b.revealed || b.abstained) {
            expected = abi.encodeWithSelector(
                IScoringManagerErrors.ScoringNothingToReveal.selector, roundId, caller, _state(roundId, caller)
            );
        } else if (bytes29(_hash(roundId, caller, score, salt)) != bytes29(b.commitment)) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringCommitmentMismatch.selector, roundId, caller);
        }
        (bool ok, bytes memory result) = _call(caller, address(scoring), _revealCall(roundId, caller, score, salt));
        if (_check("reveal", ok, result, expected)) ++ghost_badRevealsAccepted;
        if (!ok || expected.length != 0) return ok;
        if (score == 0) {
            // An abstention: the member could not evaluate; it counts for nothing and is never slashed.
            ++ghost_abstentions;
            b.abstained = true;
            return true;
        }
        ++ghost_reveals;
        if (scoring.revealedDigestOf(roundId, caller) != _digestOf(roundId, caller, score)) {
            ++ghost_settlementMismatches;
        }
        b.revealed = true;
        b.revealedScore = score;
        g.revealed += 1;
        g.revealedWeight += b.weight;
        if (score < g.minScore) g.minScore = score;
        if (score > g.maxScore) g.maxScore = score;
        return true;
    }

    /*//////////////////////////////////////////////////////////////
                               SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @notice Anyone finalizes a round: only a drawn one, only after its reveal deadline. With `wait`, a drawn round
    /// with half its seats revealed is first waited out; otherwise an early call must fail.
    function finalize(uint256 roundSeed, bool wait) external {
        uint256 roundId = _pick(roundSeed, Want.Finalize);
        GhostRound storage g = _rounds[roundId];
        if (
            wait && g.status == IScoringTypes.RoundStatus.Drawn && block.timestamp <= g.revealDeadline
                && 2 * g.revealed >= g.seats
        ) {
            vm.roll(block.number + 1);
            vm.warp(g.revealDeadline + 1);
        }
        _finalize(roundId, roundSeed);
    }

    function _finalize(uint256 roundId, uint256 callerSeed) private {
        GhostRound storage g = _rounds[roundId];
        bytes memory expected = "";
        if (g.status != IScoringTypes.RoundStatus.Drawn) {
            expected = _wrongStatus(roundId, g.status, IScoringTypes.RoundStatus.Drawn);
        } else if (pool.blockingDraws() != 0) {
            expected = _drawPending();
        } else if (block.timestamp <= g.revealDeadline) {
            expected = abi.encodeWithSelector(
                IScoringManagerErrors.ScoringRevealWindowOpen.selector, roundId, g.revealDeadline
            );
        }
        uint256 funderBalance = token.balanceOf(g.funder);
        address owner = g.subjectId == 0 ? address(0) : registry.ownerOf(g.subjectId);
        // The contributor reward: first finalized round of the pair on the approved benchmark, owner staked.
        bool rewarded = g.approved && !_rewardedPair[g.subjectId]
            && stakeManager.unlockedStakeOf(owner) >= stakeManager.contributorMinStake();
        (bool ok, bytes memory result) =
            _call(_anyone(callerSeed), address(scoring), abi.encodeCall(scoring.finalize, (roundId)));
        if (_check("finalize", ok, result, expected)) ++ghost_payoutViolations;
        if (!ok || expected.length != 0) return;
        _settle(roundId);
        // Nothing comes back to the opener at settlement: a failed round's budget joins the pool.
        if (token.balanceOf(g.funder) > funderBalance) ++ghost_settlementMismatches;
        _checkHeldReward(roundId, rewarded && g.status == IScoringTypes.RoundStatus.Finalized, owner);
    }

    /// @dev The chain holds a contributor reward for the round exactly when the model says it earned one: at most the
    /// kind's reward at the best reputation, with the owner's `contributorMinStake` locked through the challenge
    /// window.
    function _checkHeldReward(uint256 roundId, bool counted, address owner) private {
        IScoringTypes.HeldReward memory held = scoring.heldReward(roundId);
        // A counted round below the minimum reward score spends the pair but holds nothing.
        if (counted) _rewardedPair[_rounds[roundId].subjectId] = true;
        bool rewarded = counted && _rounds[roundId].consensus >= scoring.parameters().minRewardScore;
        if ((held.contributor != address(0)) != rewarded) ++ghost_settlementMismatches;
        if (!rewarded) return;
        ++ghost_heldRewards;
        uint256 maximum = scoring.contributorReward(registry.modelOf(_rounds[roundId].subjectId).kind) * 3 / 2;
        if (
            held.contributor != owner || held.amount > maximum || held.lockedStake != stakeManager.contributorMinStake()
                || held.releaseAt != block.timestamp + slasher.challengeWindow()
        ) ++ghost_settlementMismatches;
        _rounds[roundId].held = held.amount;
        ghost_rewardedContributor[owner] = true;
    }

    /// @notice Anyone releases a held contributor reward: refused while held or when there is none; with `wait`, the
    /// challenge window is waited out first.
    function releaseContributorReward(uint256 roundSeed, uint256 callerSeed, bool wait) external {
        uint256 count = scoring.roundCount();
        if (count == 0) return;
        uint256 roundId = bound(roundSeed, 1, count + 1);
        for (uint256 i; i < count; ++i) {
            uint256 candidate = 1 + (roundSeed % count + i) % count;
            if (_rounds[candidate].held != 0) {
                roundId = candidate;
                break;
            }
        }
        IScoringTypes.HeldReward memory held = scoring.heldReward(roundId);
        if (wait && held.contributor != address(0) && block.timestamp < held.releaseAt) {
            vm.roll(block.number + 1);
            vm.warp(held.releaseAt);
        }
        bytes memory expected = "";
        if (held.contributor == address(0)) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringNoHeldReward.selector, roundId);
        } else if (block.timestamp < held.releaseAt) {
            expected =
                abi.encodeWithSelector(IScoringManagerErrors.ScoringRewardStillHeld.selector, roundId, held.releaseAt);
        }
        uint256 before = token.balanceOf(held.contributor);
        (bool ok, bytes memory result) =
            _call(_anyone(callerSeed), address(scoring), abi.encodeCall(scoring.releaseContributorReward, (roundId)));
        if (_check("releaseContributorReward", ok, result, expected)) ++ghost_payoutViolations;
        if (!ok || expected.length != 0) return;
        ++ghost_releasedRewards;
        uint256 paid = token.balanceOf(held.contributor) - before;
        if (paid != held.amount || abi.decode(result, (uint256)) != paid) ++ghost_payoutViolations;
        _rounds[roundId].held = 0;
        if (held.contributor == farmer) ghost_farmerOut += paid;
    }

    /*//////////////////////////////////////////////////////////////
                               ADVERSARIES
    //////////////////////////////////////////////////////////////*/

    /// @notice The reward farmer opens a round on its own subject on the approved benchmark, at the smallest budget;
    /// its sybil validator reveals 100 whenever it is seated.
    function farm(uint256 size) external {
        if (farmer == address(0) || scoring.roundCount() >= MAX_ROUNDS || _underWay() >= MAX_UNDER_WAY) return;
        size = bound(size, 1, MAX_SEATS);
        uint256 budget = uint256(scoring.parameters().minBudgetPerSeat) * size;
        _openOn(farmer, farmSubject, approvedCid, budget, size);
        ghost_farmerIn += budget;
        ++ghost_farmRounds;
    }

    /// @notice The mover: a subject's owner, with whatever record it has, moves the subject to a fresh address staked
    /// as a contributor, hoping to earn its rewards at a better multiplier there. A fresh address starts at the floor.
    function moveToFreshAddress(uint256 subjectSeed) external {
        if (freshOwners.length >= 4) return;
        uint256 subjectId = subjects[subjectSeed % subjects.length];
        address owner = registry.ownerOf(subjectId);
        address fresh = address(uint160(uint256(keccak256(abi.encode("fresh owner", freshOwners.length)))));
        uint256 minStake = stakeManager.contributorMinStake();
        (bool ok, bytes memory result) =
            _call(funder, address(token), abi.encodeCall(token.transfer, (fresh, minStake)));
        _check("fund fresh owner", ok, result, "");
        (ok, result) = _call(fresh, address(token), abi.encodeCall(token.approve, (address(stakeManager), minStake)));
        _check("approve", ok, result, "");
        (ok, result) = _call(fresh, address(stakeManager), abi.encodeCall(stakeManager.stake, (minStake)));
        _check("stake fresh owner", ok, result, "");
        (ok, result) = _call(owner, address(registry), abi.encodeCall(registry.transferFrom, (owner, fresh, subjectId)));
        _check("move", ok, result, "");
        if (scoring.reputationOf(fresh) > scoring.reputationOf(owner)) ++ghost_multiplierRaisedByMove;
        freshOwners.push(fresh);
        ++ghost_moves;
    }

    /// @notice The griefer opens a round nobody can evaluate (its artifact was never published): honest members
    /// commit an abstention.
    function grief(uint256 subjectSeed, uint256 size) external {
        if (griefer == address(0) || scoring.roundCount() >= MAX_ROUNDS || _underWay() >= MAX_UNDER_WAY) return;
        size = bound(size, 1, MAX_SEATS);
        uint256 budget = uint256(scoring.parameters().minBudgetPerSeat) * size;
        uint256 roundId = _open(griefer, subjects[subjectSeed % subjects.length], budget, size);
        _rounds[roundId].unevaluable = true;
        ghost_grieferIn += budget;
        ++ghost_griefRounds;
    }

    /// @notice The front-running opener: a round opened in the same block just before someone settles another one.
    /// The settlement must go ahead as if the new round did not exist.
    function frontRunSettlement(uint256 roundSeed, bool report) external {
        if (scoring.roundCount() >= MAX_ROUNDS) return;
        uint256 target = _pick(roundSeed, report ? Want.Report : Want.Finalize);
        uint256 blocking = pool.blockingDraws();
        _open(funder, subjects[roundSeed % subjects.length], uint256(scoring.parameters().minBudgetPerSeat), 1);
        ++ghost_frontRuns;
        if (pool.blockingDraws() != blocking) ++ghost_frontRunBlocks;
        if (report) _report(target, roundSeed);
        else _finalize(target, roundSeed);
    }

    /// @notice The seed re-roller: lets an open round's seed block age out of `blockhash`, then draws. The round must
    /// fail at its opener's cost, never draw from a new seed.
    function rerollSeed(uint256 roundSeed, uint256 blocks) external {
        uint256 roundId = _firstOpen();
        if (roundId == 0) return;
        vm.roll(scoring.round(roundId).seedBlock + 257 + bound(blocks, 0, 64));
        vm.warp(block.timestamp + 1);
        address opener = _rounds[roundId].funder;
        uint256 before = token.balanceOf(opener);
        _draw(roundId, false, roundSeed);
        if (token.balanceOf(opener) != before) ++ghost_rerolls;
    }

    /// @notice What `validator` stands to be slashed for offences not reported yet: the automatic share of each
    /// offending seat's weight.
    function pendingSlashOf(address validator) external view returns (uint256 amount) {
        uint256 count = scoring.roundCount();
        for (uint256 roundId = 1; roundId <= count; ++roundId) {
            if (!_isOffender(roundId, validator)) continue;
            GhostBallot storage b = _ballots[roundId][validator];
            ISlasherTypes.OffenceKind kind =
                b.revealed ? ISlasherTypes.OffenceKind.Outlier : ISlasherTypes.OffenceKind.NoReveal;
            amount += b.weight * slasher.slashShare(kind) / BPS;
        }
    }

    /// @dev The model's settlement: quorum, lower weighted median, band, rewarded weight, owed shares, releases.
    function _settle(uint256 roundId) private {
        GhostRound storage g = _rounds[roundId];
        IScoringTypes.Parameters memory p = scoring.parameters();
        IScoringTypes.Round memory r = scoring.round(roundId);
        bool quorum = g.revealed != 0 && g.revealed * BPS >= uint256(p.quorumCountBps) * g.seats
            && g.revealedWeight * BPS >= uint256(p.quorumStakeBps) * g.totalWeight;
        address[] storage members = _members[roundId];
        if (!quorum) {
            ++ghost_failedRounds;
            g.status = IScoringTypes.RoundStatus.Failed;
            if (r.status != IScoringTypes.RoundStatus.Failed) ++ghost_settlementMismatches;
            // Revealers and abstainers go free; non-revealers stay locked until reported. The budget is not refunded.
            for (uint256 i; i < members.length; ++i) {
                GhostBallot storage b = _ballots[roundId][members[i]];
                if (b.revealed || b.abstained) _release(roundId, members[i]);
            }
            return;
        }
        ++ghost_finalized;
        g.status = IScoringTypes.RoundStatus.Finalized;
        uint256 consensus = _lowerMedian(roundId);
        uint256 tolerance = p.tolerance;
        g.consensus = consensus;
        g.bandLow = consensus > tolerance ? consensus - tolerance : 1;
        g.bandHigh = consensus + tolerance > MAX_SCORE ? MAX_SCORE : consensus + tolerance;
        for (uint256 i; i < members.length; ++i) {
            if (_inBand(roundId, members[i])) g.rewardedWeight += _ballots[roundId][members[i]].weight;
        }
        for (uint256 i; i < members.length; ++i) {
            if (_ballots[roundId][members[i]].abstained) _release(roundId, members[i]);
            if (!_inBand(roundId, members[i])) continue;
            g.owed += g.budget * _ballots[roundId][members[i]].weight / g.rewardedWeight;
            _release(roundId, members[i]);
        }
        if (
            r.status != IScoringTypes.RoundStatus.Finalized || r.consensus != consensus || r.bandLow != g.bandLow
                || r.bandHigh != g.bandHigh || r.rewardedWeight != g.rewardedWeight
        ) ++ghost_settlementMismatches;
        // The registry's record of an approved round carries the digest the committee agreed on (zero: none).
        if (g.approved && registry.evaluationOf(g.subjectId, r.benchmarkId).digest != _agreedDigest(roundId)) {
            ++ghost_settlementMismatches;
        }
    }

    /// @notice Anyone reports a settled round's offenders: non-revealers, and outliers of a finalized round; each
    /// once, and the call fails when none is left.
    function reportOffenders(uint256 roundSeed) external {
        _report(_pick(roundSeed, Want.Report), roundSeed);
    }

    function _report(uint256 roundId, uint256 callerSeed) private {
        GhostRound storage g = _rounds[roundId];
        bool settled = g.status == IScoringTypes.RoundStatus.Finalized || g.status == IScoringTypes.RoundStatus.Failed;
        uint256 offenders = settled ? _offenderCount(roundId) : 0;
        bytes memory expected = "";
        if (!settled) {
            expected = _wrongStatus(roundId, g.status, IScoringTypes.RoundStatus.Finalized);
        } else if (pool.blockingDraws() != 0) {
            expected = _drawPending();
        } else if (offenders == 0) {
            expected = abi.encodeWithSelector(IScoringManagerErrors.ScoringNothingToReport.selector, roundId);
        }
        (bool ok, bytes memory result) =
            _call(_anyone(callerSeed), address(scoring), abi.encodeCall(scoring.reportOffenders, (roundId)));
        if (_check("reportOffenders", ok, result, expected)) ++ghost_settlementMismatches;
        if (!ok || expected.length != 0) return;
        if (abi.decode(result, (uint256)) != offenders) ++ghost_settlementMismatches;
        ++ghost_reports;
        address[] storage members = _members[roundId];
        for (uint256 i; i < members.length; ++i) {
            if (_isOffender(roundId, members[i])) _markReported(roundId, members[i]);
        }
    }

    /// @dev A reported offender: released, its ballot `Reported`, its offence slashed in the StakeManager.
    function _markReported(uint256 roundId, address member) private {
        GhostBallot storage b = _ballots[roundId][member];
        b.reported = true;
        ghost_offended[member] = true;
        _release(roundId, member);
        if (scoring.ballotOf(roundId, member).state != IScoringTypes.BallotState.Reported) {
            ++ghost_settlementMismatches;
        }
        ISlasherTypes.OffenceKind kind =
            b.revealed ? ISlasherTypes.OffenceKind.Outlier : ISlasherTypes.OffenceKind.NoReveal;
        if (!stakeManager.isOffenceSlashed(slasher.offenceIdOf(member, kind, bytes32(roundId)))) {
            ++ghost_settlementMismatches;
        }
    }

    /// @notice Anyone claims a round's reward, or a batch of two rounds (perhaps the same one twice): exactly the
    /// model's share, once; nothing for non-members, outliers, non-revealers and unsettled rounds.
    function claimReward(uint256 roundSeed, uint256 callerSeed, uint256 otherSeed, bool batch) external {
        uint256 roundId = _pick(roundSeed, Want.Claim);
        address caller = callerSeed % 8 == 0 ? outsider : _member(roundId, callerSeed >> 3);
        uint256[] memory roundIds = new uint256[](batch ? 2 : 1);
        roundIds[0] = roundId;
        if (batch) roundIds[1] = otherSeed % 2 == 0 ? roundId : bound(otherSeed, 1, scoring.roundCount() + 1);
        _claim(roundIds, caller);
    }

    function _claim(uint256[] memory roundIds, address caller) private {
        uint256 roundId = roundIds[0];
        bool batch = roundIds.length > 1;

        uint256 expectedTotal = 0;
        uint256[] memory shares = new uint256[](roundIds.length);
        for (uint256 i; i < roundIds.length; ++i) {
            if (i == 1 && roundIds[1] == roundIds[0]) continue;
            shares[i] = _share(roundIds[i], caller);
            expectedTotal += shares[i];
        }
        bytes memory expected = expectedTotal == 0
            ? abi.encodeWithSelector(IScoringManagerErrors.ScoringNothingToClaim.selector, roundId, caller)
            : bytes("");
        uint256 balanceBefore = token.balanceOf(caller);
        bytes memory data =
            batch ? abi.encodeCall(scoring.claimRewards, (roundIds)) : abi.encodeCall(scoring.claimReward, (roundId));
        (bool ok, bytes memory result) = _call(caller, address(scoring), data);
        if (_check("claim", ok, result, expected)) ++ghost_payoutViolations;
        if (!ok || expected.length != 0) return;
        ++ghost_claims;
        uint256 paid = token.balanceOf(caller) - balanceBefore;
        if (paid != expectedTotal || abi.decode(result, (uint256)) != expectedTotal) ++ghost_payoutViolations;
        for (uint256 i; i < roundIds.length; ++i) {
            if (shares[i] == 0) continue;
            _ballots[roundIds[i]][caller].claimed = true;
            _rounds[roundIds[i]].paid += shares[i];
            if (caller == sybil && _rounds[roundIds[i]].subjectId == farmSubject) ghost_farmerOut += shares[i];
        }
    }

    /*//////////////////////////////////////////////////////////////
                                PROGRESS
    //////////////////////////////////////////////////////////////*/

    /// @notice Moves one round one to three steps along an honest path, so that runs of a few dozen calls settle
    /// rounds: opens one when none is under way; draws an open one; commits for the members in `mask` (or, all
    /// committed, moves to the reveal window); reveals for them (or, all revealed, moves past the reveal deadline);
    /// finalizes; reports; claims. The other actions interleave hostile and out-of-order calls with these steps.
    function progress(uint256 roundSeed, uint256 mask, uint256 scoreSeed) external {
        uint256 roundId = _pick(roundSeed, Want.Progress);
        if (!_ready(roundId, Want.Progress)) {
            if (scoring.roundCount() >= MAX_ROUNDS) return;
            uint256 size = bound(scoreSeed, 1, MAX_SEATS);
            uint256 budget = uint256(scoring.parameters().minBudgetPerSeat) * size * (1 + mask % 10);
            _open(funder, subjects[roundSeed % subjects.length], budget, size);
            return;
        }
        uint256 steps = 1 + (mask >> 128) % 3;
        for (uint256 i; i < steps && _ready(roundId, Want.Progress); ++i) {
            _progress(roundId, mask, uint256(keccak256(abi.encode(scoreSeed, i))));
        }
    }

    function _progress(uint256 roundId, uint256 mask, uint256 seed) private {
        IScoringTypes.RoundStatus status = _rounds[roundId].status;
        uint256 open = _firstOpen();
        if (status == IScoringTypes.RoundStatus.Open) {
            _draw(roundId, false, seed);
        } else if (open != 0) {
            // Settling waits for pending draws: draw them first.
            _draw(open, false, seed);
        } else if (status == IScoringTypes.RoundStatus.Drawn) {
            _step(roundId, mask, seed);
        } else if (_offenderCount(roundId) != 0 && seed % 2 == 0) {
            _report(roundId, seed);
        } else {
            address[] storage members = _members[roundId];
            for (uint256 i; i < members.length; ++i) {
                address member = members[(i + seed) % members.length];
                if (_share(roundId, member) == 0) continue;
                uint256[] memory roundIds = new uint256[](1);
                roundIds[0] = roundId;
                _claim(roundIds, member);
                return;
            }
            if (_offenderCount(roundId) != 0) _report(roundId, seed);
        }
    }

    /// @dev One step of a drawn round: commits, reveals, or moving time on, or finalizing.
    function _step(uint256 roundId, uint256 mask, uint256 scoreSeed) private {
        GhostRound storage g = _rounds[roundId];
        address[] storage members = _members[roundId];
        bool acted;
        if (block.timestamp <= g.commitDeadline) {
            for (uint256 i; i < members.length; ++i) {
                address member = members[i];
                if (_ballots[roundId][member].committed || (mask >> (2 * i)) & 3 == 0) continue;
                uint256 seed = uint256(keccak256(abi.encode(scoreSeed, i)));
                uint8 score = _scoreOf(roundId, member, seed);
                bytes32 salt = keccak256(abi.encode("salt", roundId, member, seed));
                _commit(roundId, member, _hash(roundId, member, score, salt), score, salt);
                acted = true;
            }
            if (!acted) {
                vm.roll(block.number + 1);
                vm.warp(g.commitDeadline + 1);
            }
        } else if (block.timestamp <= g.revealDeadline) {
            for (uint256 i; i < members.length; ++i) {
                GhostBallot storage b = _ballots[roundId][members[i]];
                if (!b.committed || b.revealed || b.abstained || (mask >> (2 * i)) & 3 == 0) continue;
                _reveal(roundId, members[i], b.score, b.salt);
                acted = true;
            }
            if (!acted) {
                vm.roll(block.number + 1);
                vm.warp(g.revealDeadline + 1);
            }
        } else {
            _finalize(roundId, scoreSeed);
        }
    }

    /*//////////////////////////////////////////////////////////////
                              TIME AND HOSTILITY
    //////////////////////////////////////////////////////////////*/

    /// @notice Time passes: a few blocks and up to 90 minutes, or (one time in 16) past `blockhash`'s reach.
    function advance(uint256 secondsSeed, uint256 blocksSeed) external {
        uint256 blocks = blocksSeed % 16 == 0 ? bound(blocksSeed >> 4, 257, 320) : bound(blocksSeed >> 4, 1, 3);
        vm.roll(block.number + blocks);
        vm.warp(block.timestamp + bound(secondsSeed, 0, 90 minutes));
    }

    /// @notice Time moves to a window's edge of a drawn round: its commit deadline, the second after (the reveal
    /// window's first), its reveal deadline, or the second after (settlement's first).
    function warpToDeadline(uint256 roundSeed, uint256 edge) external {
        uint256 roundId = _pick(roundSeed, Want.Reveal);
        GhostRound storage g = _rounds[roundId];
        if (g.status != IScoringTypes.RoundStatus.Drawn) return;
        edge = edge % 4;
        uint256 target = edge < 2 ? g.commitDeadline + edge : g.revealDeadline + edge - 2;
        if (target <= block.timestamp) return;
        vm.roll(block.number + 1);
        vm.warp(target);
    }

    /// @notice The outsider (or a member) calls what only the ScoringManager or governance may: freezing or drawing
    /// the pool, locking stake, reporting offences, opening from the pool, setting parameters.
    function hostileCall(uint256 action, uint256 seed) external {
        address caller = seed % 2 == 0 ? outsider : _validator(seed >> 1);
        address victim = _validator(seed >> 8);
        action = action % 6;
        address target;
        bytes memory data;
        if (action == 0) {
            (target, data) = (address(pool), abi.encodeCall(pool.freeze, ()));
        } else if (action == 1) {
            (target, data) = (address(pool), abi.encodeCall(pool.draw, (bytes32(seed), 1, 0, 1000, address(0))));
        } else if (action == 2) {
            (target, data) = (address(stakeManager), abi.encodeCall(stakeManager.lock, (victim, 1)));
        } else if (action == 3) {
            data = abi.encodeCall(
                slasher.reportOffence,
                (victim, ISlasherTypes.OffenceKind.Outlier, bytes32(scoring.roundCount()), 1 ether, caller)
            );
            target = address(slasher);
        } else if (action == 4) {
            data = abi.encodeCall(scoring.openRoundFromPool, (subjects[0], "", METRIC, 1 ether, 1));
            target = address(scoring);
        } else {
            (target, data) = (address(scoring), abi.encodeCall(scoring.setParameters, (scoring.parameters())));
        }
        (bool ok, bytes memory result) = _call(caller, target, data);
        bytes memory expected = abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller);
        if (_check("hostile", ok, result, expected)) ++ghost_unauthorizedSuccesses;
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    function freshOwnerCount() external view returns (uint256) {
        return freshOwners.length;
    }

    function validatorCount() external view returns (uint256) {
        return validators.length;
    }

    function ghostRound(uint256 roundId) external view returns (GhostRound memory) {
        return _rounds[roundId];
    }

    function ghostBallot(uint256 roundId, address validator) external view returns (GhostBallot memory) {
        return _ballots[roundId][validator];
    }

    function membersOf(uint256 roundId) external view returns (address[] memory) {
        return _members[roundId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _updateWeight(address caller, address validator) private {
        uint256 pending = pool.blockingDraws();
        (bool ok, bytes memory result) = _call(caller, address(pool), abi.encodeCall(pool.updateWeight, (validator)));
        if (pending != 0) {
            ++ghost_frozenSyncs;
            bytes memory expected =
                abi.encodeWithSelector(ISortitionPool.SortitionPoolFrozen.selector, validator, pending);
            if (_check("updateWeight (frozen)", ok, result, expected)) ++ghost_weightViolations;
            return;
        }
        _check("updateWeight", ok, result, "");
        uint256 expectedWeight = stakeManager.isValidator(validator) ? stakeManager.stakeOf(validator) : 0;
        if (pool.weightOf(validator) != expectedWeight) ++ghost_weightViolations;
        if (pool.pendingDraws() != 0) {
            // Only rounds opened in this block wait, whose seeds nobody knows yet: the tree they draw on is the one
            // after this sync.
            ghost_frozenTotal = ghost_frozenTotal - ghost_frozenWeight[validator] + expectedWeight;
            ghost_frozenWeight[validator] = expectedWeight;
        }
    }

    /// @dev The model's lower weighted median of a round's reveals, computed apart from the library: the smallest
    /// revealed score with at least half the revealed weight at or below it.
    function _lowerMedian(uint256 roundId) private view returns (uint256 median) {
        address[] storage members = _members[roundId];
        uint256 total = _rounds[roundId].revealedWeight;
        median = type(uint256).max;
        for (uint256 i; i < members.length; ++i) {
            GhostBallot storage candidate = _ballots[roundId][members[i]];
            if (!candidate.revealed || candidate.revealedScore >= median) continue;
            uint256 atOrBelow = 0;
            for (uint256 j; j < members.length; ++j) {
                GhostBallot storage other = _ballots[roundId][members[j]];
                if (other.revealed && other.revealedScore <= candidate.revealedScore) atOrBelow += other.weight;
            }
            if (2 * atOrBelow >= total) median = candidate.revealedScore;
        }
    }

    function _inBand(uint256 roundId, address member) private view returns (bool) {
        GhostRound storage g = _rounds[roundId];
        GhostBallot storage b = _ballots[roundId][member];
        return b.revealed && b.revealedScore >= g.bandLow && b.revealedScore <= g.bandHigh;
    }

    function _isOffender(uint256 roundId, address member) private view returns (bool) {
        GhostBallot storage b = _ballots[roundId][member];
        if (!b.seated || b.reported || b.abstained) return false;
        if (!b.revealed) return true;
        return _rounds[roundId].status == IScoringTypes.RoundStatus.Finalized && !_inBand(roundId, member);
    }

    function _offenderCount(uint256 roundId) private view returns (uint256 count) {
        address[] storage members = _members[roundId];
        for (uint256 i; i < members.length; ++i) {
            if (_isOffender(roundId, members[i])) ++count;
        }
    }

    /// @dev What `caller` may claim of `roundId`: its share if the round finalized and it revealed within the band
    /// and has not claimed.
    function _share(uint256 roundId, address caller) private view returns (uint256) {
        GhostRound storage g = _rounds[roundId];
        GhostBallot storage b = _ballots[roundId][caller];
        if (g.status != IScoringTypes.RoundStatus.Finalized || b.claimed || !_inBand(roundId, caller)) return 0;
        return g.budget * b.weight / g.rewardedWeight;
    }

    /// @dev Rounds open or drawn.
    function _underWay() private view returns (uint256 count) {
        uint256 rounds = scoring.roundCount();
        for (uint256 roundId = 1; roundId <= rounds; ++roundId) {
            IScoringTypes.RoundStatus status = _rounds[roundId].status;
            if (status == IScoringTypes.RoundStatus.Open || status == IScoringTypes.RoundStatus.Drawn) ++count;
        }
    }

    function _unclaimed(uint256 roundId) private view returns (bool) {
        address[] storage members = _members[roundId];
        for (uint256 i; i < members.length; ++i) {
            if (_share(roundId, members[i]) != 0) return true;
        }
        return false;
    }

    function _release(uint256 roundId, address member) private {
        GhostBallot storage b = _ballots[roundId][member];
        ghost_locked[member] -= b.locked;
        b.locked = 0;
    }

    function _state(uint256 roundId, address validator) private view returns (IScoringTypes.BallotState) {
        GhostBallot storage b = _ballots[roundId][validator];
        if (!b.seated) return IScoringTypes.BallotState.None;
        if (b.reported) return IScoringTypes.BallotState.Reported;
        if (b.abstained) return IScoringTypes.BallotState.Abstained;
        if (b.claimed) return IScoringTypes.BallotState.Claimed;
        if (b.revealed) return IScoringTypes.BallotState.Revealed;
        if (b.committed) return IScoringTypes.BallotState.Committed;
        return IScoringTypes.BallotState.Drawn;
    }

    /// @dev A round, preferably one ready for `want`, searched from a seeded offset; one time in eight (or when none
    /// is ready) any round id up to one past the last, so calls on rounds in the wrong status are tried too.
    /// @dev The oldest round still waiting for its draw, or zero.
    function _firstOpen() private view returns (uint256) {
        for (uint256 roundId = 1; roundId <= scoring.roundCount(); ++roundId) {
            if (_rounds[roundId].status == IScoringTypes.RoundStatus.Open) return roundId;
        }
        return 0;
    }

    function _drawPending() private view returns (bytes memory) {
        return abi.encodeWithSelector(IScoringManagerErrors.ScoringDrawPending.selector, pool.blockingDraws());
    }

    function _pick(uint256 seed, Want want) private view returns (uint256) {
        uint256 count = scoring.roundCount();
        if (count == 0 || seed % 8 == 0) return bound(seed >> 3, 1, count + 1);
        uint256 offset = (seed >> 3) % count;
        for (uint256 i; i < count; ++i) {
            uint256 roundId = 1 + (offset + i) % count;
            if (_ready(roundId, want)) return roundId;
        }
        return bound(seed >> 3, 1, count + 1);
    }

    function _ready(uint256 roundId, Want want) private view returns (bool) {
        GhostRound storage g = _rounds[roundId];
        IScoringTypes.RoundStatus status = g.status;
        if (want == Want.Draw) return status == IScoringTypes.RoundStatus.Open;
        if (want == Want.Report) {
            return (status == IScoringTypes.RoundStatus.Finalized || status == IScoringTypes.RoundStatus.Failed)
                && _offenderCount(roundId) != 0;
        }
        if (want == Want.Claim) return status == IScoringTypes.RoundStatus.Finalized;
        if (want == Want.Progress) {
            if (status == IScoringTypes.RoundStatus.Open || status == IScoringTypes.RoundStatus.Drawn) return true;
            if (status == IScoringTypes.RoundStatus.Finalized || status == IScoringTypes.RoundStatus.Failed) {
                return _offenderCount(roundId) != 0 || _unclaimed(roundId);
            }
            return false;
        }
        if (status != IScoringTypes.RoundStatus.Drawn) return false;
        if (want == Want.Commit) return block.timestamp <= g.commitDeadline;
        if (want == Want.Reveal) return block.timestamp <= g.revealDeadline;
        // Finalize: past its deadline, or with half its seats revealed (waited out, or tried early).
        return block.timestamp > g.revealDeadline || 2 * g.revealed >= g.seats;
    }

    /// @dev A member of `roundId` by seed; a validator (seated or not) when the round has no committee.
    function _member(uint256 roundId, uint256 seed) private view returns (address) {
        address[] storage members = _members[roundId];
        if (members.length == 0) return _validator(seed);
        return members[seed % members.length];
    }

    function _validator(uint256 seed) private view returns (address) {
        return validators[seed % validators.length];
    }

    /// @dev Permissionless callers: the outsider or any validator.
    function _anyone(uint256 seed) private view returns (address) {
        uint256 pick = uint256(keccak256(abi.encode(seed))) % (validators.length + 1);
        return pick == validators.length ? outsider : validators[pick];
    }

    /// @dev What `member` commits: an abstention when nobody can evaluate the round, 100 from the farmer's sybil on the
    /// farmer's subject, else a score near the truth.
    function _scoreOf(uint256 roundId, address member, uint256 seed) private view returns (uint8) {
        GhostRound storage g = _rounds[roundId];
        if (g.unevaluable) return 0;
        if (member == sybil && farmer != address(0) && g.subjectId == farmSubject) return MAX_SCORE;
        return _scoreFor(roundId, seed);
    }

    /// @dev A score near the round's "true" value (anywhere in 1–100, so bands clamp at both ends): mostly within 4
    /// points, one time in six 9–12 points off (around the band's edge, in or out depending on the consensus), and
    /// one time in six anywhere.
    function _scoreFor(uint256 roundId, uint256 seed) private pure returns (uint8) {
        uint256 truth = 1 + uint256(keccak256(abi.encode("truth", roundId))) % MAX_SCORE;
        uint256 kind = seed % 6;
        uint256 score;
        if (kind == 0) {
            score = 1 + (seed >> 8) % MAX_SCORE;
        } else {
            uint256 spread = kind == 1 ? 9 + (seed >> 8) % 4 : (seed >> 8) % 5;
            if ((seed >> 16) % 2 == 0) score = truth + spread > MAX_SCORE ? MAX_SCORE : truth + spread;
            else score = truth > spread ? truth - spread : 1;
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(score); // 1–100
    }

    /// @dev The commitment as docs/scoring.md defines it, computed here rather than by the contract, over the digest
    /// the member reveals with that score.
    function _hash(uint256 roundId, address validator, uint8 score, bytes32 salt) private view returns (bytes32) {
        return keccak256(abi.encode(roundId, validator, score, _digestOf(roundId, validator, score), salt));
    }

    /// @dev The evaluation digest a member reveals with `score`: none for an abstention; a forged one from the
    /// farmer's sybil (which never evaluated); else the digest of the outputs behind that score, so members scoring
    /// alike carry the same digest.
    function _digestOf(uint256 roundId, address member, uint8 score) private view returns (bytes32) {
        if (score == 0) return 0;
        if (member == sybil && farmer != address(0)) return keccak256(abi.encode("forged", roundId));
        return keccak256(abi.encode("outputs", roundId, score));
    }

    function _revealCall(uint256 roundId, address caller, uint8 score, bytes32 salt)
        private
        view
        returns (bytes memory)
    {
        return abi.encodeCall(scoring.reveal, (roundId, score, _digestOf(roundId, caller, score), salt));
    }

    /// @dev The model's agreed digest: the one carried by more than half of the in-band revealed weight, else zero.
    function _agreedDigest(uint256 roundId) private view returns (bytes32) {
        address[] storage members = _members[roundId];
        for (uint256 i; i < members.length; ++i) {
            if (!_inBand(roundId, members[i])) continue;
            bytes32 digest = _digestOf(roundId, members[i], _ballots[roundId][members[i]].revealedScore);
            uint256 carried = 0;
            for (uint256 j; j < members.length; ++j) {
                if (!_inBand(roundId, members[j])) continue;
                if (_digestOf(roundId, members[j], _ballots[roundId][members[j]].revealedScore) == digest) {
                    carried += _ballots[roundId][members[j]].weight;
                }
            }
            if (2 * carried > _rounds[roundId].rewardedWeight) return digest;
        }
        return 0;
    }

    function _wrongStatus(uint256 roundId, IScoringTypes.RoundStatus status, IScoringTypes.RoundStatus wanted)
        private
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(IScoringManagerErrors.ScoringWrongStatus.selector, roundId, status, wanted);
    }

    function _call(address caller, address target, bytes memory data) private returns (bool ok, bytes memory result) {
        vm.prank(caller);
        (ok, result) = target.call(data);
    }

    /// @dev Compares an outcome with the model's expectation (`expected` empty: success).
    /// @return violated Whether a call the model says must fail went through.
    function _check(string memory action, bool ok, bytes memory result, bytes memory expected)
        private
        pure
        returns (bool violated)
    {
        if (expected.length == 0) {
            if (!ok) revert ScoringHandlerUnexpectedFailure(action, result);
            return false;
        }
        if (ok) return true;
        if (keccak256(result) != keccak256(expected)) revert ScoringHandlerWrongError(action, expected, result);
        return false;
    }
}
