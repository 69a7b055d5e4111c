// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmToken} from "../../../src/DaimmToken.sol";
import {Slasher} from "../../../src/Slasher.sol";
import {StakeManager} from "../../../src/StakeManager.sol";
import {ISlasherTypes} from "../../../src/interfaces/ISlasher.sol";
import {IStakeManager} from "../../../src/interfaces/IStakeManager.sol";
import {HostileStaker} from "./HostileStaker.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the StakeManager and the Slasher with stakers (four accounts and a hostile contract), the scoring
/// module, the arbiter and governance (the timelock) and the guardian, and keeps an independent model of every
/// account: active stake, lock, the unbonding queue with its release times, and what went in and out.
/// @dev Every action is bounded so that it is valid, or else it is an attempt whose failure is expected; an expected
/// failure that succeeds is counted in a `ghost_` violation counter, and an expected success that fails reverts the
/// handler (`fail_on_revert`). Invariants compare the model with the chain.
contract StakingHandler is CommonBase, StdUtils {
    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_REQUESTS = 16;

    struct GhostRequest {
        uint256 amount;
        uint256 releaseAt;
    }

    /// @dev What the model knows of one staker.
    struct Ledger {
        uint256 deposited;
        uint256 withdrawn;
        uint256 slashed;
        uint256 slashedFromActive;
        uint256 reversed;
        uint256 active;
        uint256 locked;
        bool registered;
    }

    struct GhostChallenge {
        uint256 id;
        address challenger;
        address accused;
        ISlasherTypes.OffenceKind kind;
        uint256 bond;
        uint256 deadline;
        bytes32 offenceId;
        uint256 held;
        bool settled;
    }

    struct GhostEscrow {
        address account;
        uint256 amount;
        uint256 releaseAt;
        bool settled;
    }

    /// @dev A past stake value that must never change: `stakeAt(account, timepoint) == stake`.
    struct Sample {
        address account;
        uint256 timepoint;
        uint256 stake;
    }

    StakeManager public immutable stakeManager;
    Slasher public immutable slasher;
    DaimmToken public immutable token;
    address public immutable scoring;
    address public immutable governance;
    address public immutable guardian;
    HostileStaker public immutable hostile;

    address[] public actors;
    mapping(address account => Ledger) public ledger;
    mapping(address account => GhostRequest[]) private _queue;
    mapping(address account => uint256) private _queueHead;
    GhostChallenge[] private _challenges;
    mapping(uint256 escrowId => GhostEscrow) private _escrows;
    mapping(bytes32 offenceId => bool) private _slashedOffences;
    mapping(bytes32 offenceId => bool) private _challengedOffences;
    /// @dev Stake the model expects pending challenges to hold, per account.
    mapping(address account => uint256) public ghost_held;
    Sample[] private _samples;

    // Token flows, for conservation.
    uint256 public ghost_deposited;
    uint256 public ghost_withdrawn;
    uint256 public ghost_slashed;
    uint256 public ghost_released;
    uint256 public ghost_reversed;
    uint256 public ghost_bondsHeld;
    uint256 public ghost_totalActive;
    uint256 public ghost_totalUnbonding;

    // Violations: each must stay zero.
    uint256 public ghost_earlyWithdrawals;
    uint256 public ghost_lockedUnstakes;
    uint256 public ghost_slashMismatches;
    uint256 public ghost_doubleSlashes;
    uint256 public ghost_pauseViolations;
    uint256 public ghost_unauthorizedSuccesses;
    /// @dev A call that broke a timing or parameter rule (late ruling, early expiry or release, bad window) passed.
    uint256 public ghost_ruleViolations;
    /// @dev The escaper: a withdrawal that took slashable stake below a pending challenge's hold, or paid while paused.
    uint256 public ghost_escapes;
    /// @dev The challenge copier: a challenge opened without a commitment of its own from an earlier block.
    uint256 public ghost_copiedChallenges;
    /// @dev A settled challenge that was upheld, rejected or expired again.
    uint256 public ghost_settledChallengeRulings;
    /// @dev A ruling or expiry that left the challenge in another status than the one it names.
    uint256 public ghost_challengeStatusMismatches;

    // Coverage: how often the interesting paths ran (printed by the invariant test, never asserted).
    uint256 public ghost_frontRunSlashes;
    uint256 public ghost_slashesReachingUnbonding;
    uint256 public ghost_withdrawals;
    uint256 public ghost_upheld;
    uint256 public ghost_releases;
    uint256 public ghost_heldWithdrawals;
    uint256 public ghost_copyAttempts;
    uint256 public ghost_settledRetries;

    address private _actor;

    error StakingHandlerUnexpectedFailure(string action, bytes reason);

    modifier useActor(uint256 seed) {
        _actor = actors[bound(seed, 0, actors.length - 1)];
        _;
    }

    constructor(
        StakeManager stakeManager_,
        Slasher slasher_,
        DaimmToken token_,
        address scoring_,
        address governance_,
        address guardian_,
        address[] memory stakers
    ) {
        stakeManager = stakeManager_;
        slasher = slasher_;
        token = token_;
        scoring = scoring_;
        governance = governance_;
        guardian = guardian_;
        hostile = new HostileStaker();
        actors = stakers;
        actors.push(address(hostile));
        for (uint256 i; i < actors.length; ++i) {
            _call(actors[i], address(token), abi.encodeCall(token.approve, (address(stakeManager), type(uint256).max)));
            _call(actors[i], address(token), abi.encodeCall(token.approve, (address(slasher), type(uint256).max)));
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 STAKERS
    //////////////////////////////////////////////////////////////*/

    function stake(uint256 actorSeed, uint256 amount, bool asValidator) external useActor(actorSeed) {
        uint256 balance = token.balanceOf(_actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        bytes memory data = asValidator
            ? abi.encodeCall(stakeManager.stakeAsValidator, (amount))
            : abi.encodeCall(stakeManager.stake, (amount));
        (bool ok, bytes memory result) = _call(_actor, address(stakeManager), data);
        if (stakeManager.paused()) {
            if (ok) ++ghost_pauseViolations;
            return;
        }
        _expect(ok, "stake", result);
        _credit(_actor, amount);
        if (asValidator) ledger[_actor].registered = true;
    }

    function requestUnstake(uint256 actorSeed, uint256 amount) external {
        _actor = _findActor(actorSeed, _canUnstake);
        uint256 unlocked = _unlocked(_actor);
        if (unlocked == 0 || _queueLength(_actor) == MAX_REQUESTS) return;
        amount = bound(amount, 1, unlocked);
        (bool ok, bytes memory result) =
            _call(_actor, address(stakeManager), abi.encodeCall(stakeManager.requestUnstake, (amount)));
        if (stakeManager.paused()) {
            if (ok) ++ghost_pauseViolations;
            return;
        }
        _expect(ok, "requestUnstake", result);
        _queueRequest(_actor, amount);
    }

    /// @dev An attempt to move locked (or absent) stake to unbonding: it must fail.
    function unstakeLockedStake(uint256 actorSeed, uint256 excess) external useActor(actorSeed) {
        uint256 amount = _unlocked(_actor) + bound(excess, 1, 1e24);
        (bool ok,) = _call(_actor, address(stakeManager), abi.encodeCall(stakeManager.requestUnstake, (amount)));
        if (ok) ++ghost_lockedUnstakes;
    }

    /// @dev The escaper. Any actor, any time: pays exactly the matured requests that keep its slashable stake at or
    /// above what pending challenges hold, nothing when none qualifies, and nothing while paused.
    function withdraw(uint256 actorSeed, bool early) external {
        // Mostly an actor with matured requests; sometimes whoever the seed names, whether anything matured or not.
        _actor = early ? actors[bound(actorSeed, 0, actors.length - 1)] : _findActor(actorSeed, _canWithdraw);
        (uint256 expected, uint256 count) = _matured(_actor);
        (bool ok, bytes memory result) = _call(_actor, address(stakeManager), abi.encodeCall(stakeManager.withdraw, ()));
        if (stakeManager.paused()) {
            if (ok) ++ghost_escapes;
            return;
        }
        if (count == 0) {
            if (ok) ++ghost_earlyWithdrawals;
            return;
        }
        if (ghost_held[_actor] != 0) ++ghost_heldWithdrawals;
        if (ok && _slashable(_actor) - expected < ghost_held[_actor]) ++ghost_escapes;
        _expect(ok, "withdraw", result);
        if (abi.decode(result, (uint256)) != expected) ++ghost_earlyWithdrawals;
        _queueHead[_actor] += count;
        ghost_totalUnbonding -= expected;
        ledger[_actor].withdrawn += expected;
        ghost_withdrawn += expected;
        ++ghost_withdrawals;
    }

    function registerValidator(uint256 actorSeed, bool register) external useActor(actorSeed) {
        if (ledger[_actor].registered == register) return;
        bytes memory data = register
            ? abi.encodeCall(stakeManager.registerValidator, ())
            : abi.encodeCall(stakeManager.deregisterValidator, ());
        (bool ok, bytes memory result) = _call(_actor, address(stakeManager), data);
        if (register && stakeManager.paused()) {
            if (ok) ++ghost_pauseViolations;
            return;
        }
        _expect(ok, "registerValidator", result);
        ledger[_actor].registered = register;
    }

    /// @dev The hostile contract stakes and unstakes in one transaction: the checkpoint of this timestamp must end
    /// where it started, and the stake must still be slashable while it unbonds.
    function hostileFlashStake(uint256 amount) external {
        address account = address(hostile);
        uint256 balance = token.balanceOf(account);
        // A lock that a slash left above the stake would hold back part of the new stake: no flash then.
        if (balance == 0 || _queueLength(account) == MAX_REQUESTS || ledger[account].locked > ledger[account].active) {
            return;
        }
        amount = bound(amount, 1, balance);
        try hostile.flashStake(stakeManager, amount) {
            if (stakeManager.paused()) ++ghost_pauseViolations;
            _credit(account, amount);
            _queueRequest(account, amount);
        } catch (bytes memory reason) {
            if (!stakeManager.paused()) revert StakingHandlerUnexpectedFailure("hostileFlashStake", reason);
        }
    }

    /// @dev The hostile contract calls a privileged function it holds no role for: it must fail.
    function hostilePrivilegedCall(uint256 which, uint256 accountSeed, uint256 amount) external {
        address account = actors[bound(accountSeed, 0, actors.length - 1)];
        bytes memory data;
        address target = address(stakeManager);
        which = bound(which, 0, 8);
        if (which == 0) {
            data = abi.encodeCall(stakeManager.slash, (account, amount, keccak256(abi.encode(amount))));
        } else if (which == 1) {
            data = abi.encodeCall(stakeManager.lock, (account, 1));
        } else if (which == 2) {
            data = abi.encodeCall(stakeManager.unlock, (account, 1));
        } else if (which == 3) {
            data = abi.encodeCall(stakeManager.setUnbondingPeriod, (stakeManager.MAX_UNBONDING_PERIOD()));
        } else if (which == 4) {
            data = abi.encodeCall(stakeManager.pause, ());
        } else {
            target = address(slasher);
            if (which == 5) {
                data = abi.encodeCall(
                    slasher.reportOffence,
                    (account, ISlasherTypes.OffenceKind.NoReveal, bytes32(amount), amount, address(hostile))
                );
            } else if (which == 6) {
                data = abi.encodeCall(slasher.upholdChallenge, (bound(amount, 1, _challenges.length + 1)));
            } else if (which == 7) {
                data = abi.encodeCall(slasher.reverseSlash, (bound(amount, 1, slasher.escrowCount() + 1)));
            } else {
                data = abi.encodeCall(slasher.setWindows, (1, 1));
            }
        }
        (bool ok,) = _call(address(hostile), target, data);
        if (ok) ++ghost_unauthorizedSuccesses;
    }

    /*//////////////////////////////////////////////////////////////
                                 SCORING
    //////////////////////////////////////////////////////////////*/

    function lock(uint256 actorSeed, uint256 amount) external useActor(actorSeed) {
        uint256 unlocked = _unlocked(_actor);
        if (unlocked == 0) return;
        amount = bound(amount, 1, unlocked);
        (bool ok, bytes memory result) =
            _call(scoring, address(stakeManager), abi.encodeCall(stakeManager.lock, (_actor, amount)));
        _expect(ok, "lock", result);
        ledger[_actor].locked += amount;
    }

    function unlock(uint256 actorSeed, uint256 amount) external useActor(actorSeed) {
        uint256 locked = ledger[_actor].locked;
        if (locked == 0) return;
        amount = bound(amount, 1, locked);
        (bool ok, bytes memory result) =
            _call(scoring, address(stakeManager), abi.encodeCall(stakeManager.unlock, (_actor, amount)));
        _expect(ok, "unlock", result);
        ledger[_actor].locked -= amount;
    }

    /// @dev An automatic offence, sometimes raced by the accused unstaking everything first in the same block. Round
    /// ids come from a small range, so offences repeat and must be refused.
    function reportOffence(uint256 actorSeed, bool outlier, uint256 round, bool frontRun) external useActor(actorSeed) {
        ISlasherTypes.OffenceKind kind =
            outlier ? ISlasherTypes.OffenceKind.Outlier : ISlasherTypes.OffenceKind.NoReveal;
        bytes32 context = bytes32(bound(round, 0, 15));
        bytes32 offenceId = slasher.offenceIdOf(_actor, kind, context);
        // The base (a seat weight) is sometimes below, sometimes above the slashable stake; the reporter earns the
        // challenger share.
        uint256 base = bound(uint256(keccak256(abi.encode(round, actorSeed))), 0, 2 * _slashable(_actor) + 1);
        bytes memory data = abi.encodeCall(slasher.reportOffence, (_actor, kind, context, base, address(this)));
        if (_slashedOffences[offenceId]) {
            (bool repeated,) = _call(scoring, address(slasher), data);
            if (repeated) ++ghost_doubleSlashes;
            return;
        }
        if (frontRun) _frontRun(_actor);

        uint256 slashable = _slashable(_actor);
        uint256 expected = base * slasher.slashShare(kind) / BPS;
        if (expected > slashable) expected = slashable;
        (bool ok, bytes memory result) = _call(scoring, address(slasher), data);
        _expect(ok, "reportOffence", result);
        (, uint256 escrowId, uint256 slashed) = abi.decode(result, (bytes32, uint256, uint256));
        _slashedOffences[offenceId] = true;
        _recordSlash(_actor, expected, slashed, escrowId);
    }

    /*//////////////////////////////////////////////////////////////
                               CHALLENGES
    //////////////////////////////////////////////////////////////*/

    function openChallenge(uint256 challengerSeed, uint256 accusedSeed, uint256 kindSeed, uint256 evidenceSeed)
        external
        useActor(challengerSeed)
    {
        address accused = actors[bound(accusedSeed, 0, actors.length - 1)];
        if (accused == _actor || _slashable(accused) == 0) return;
        if (token.balanceOf(_actor) < slasher.challengeBond()) return;
        ISlasherTypes.OffenceKind kind = ISlasherTypes.OffenceKind(bound(kindSeed, 2, 4));
        bytes memory evidence = abi.encodePacked(uint8(bound(evidenceSeed, 1, 4)));
        bytes32 salt = keccak256(abi.encode(evidenceSeed, _actor));
        if (!_commitAndTryCopies(accused, kind, evidence, salt, challengerSeed)) return;

        uint256 held = _slashable(accused) * slasher.slashShare(kind) / BPS;
        (bool ok, bytes memory result) =
            _call(_actor, address(slasher), abi.encodeCall(slasher.openChallenge, (accused, kind, evidence, salt)));
        _recordChallenge(accused, kind, slasher.challengeOffenceId(accused, kind, evidence), held, ok, result);
    }

    function _recordChallenge(
        address accused,
        ISlasherTypes.OffenceKind kind,
        bytes32 offenceId,
        uint256 held,
        bool ok,
        bytes memory result
    ) private {
        if (_slashedOffences[offenceId] || _challengedOffences[offenceId]) {
            if (ok) ++ghost_doubleSlashes;
            return;
        }
        _expect(ok, "openChallenge", result);
        uint256 bond = slasher.challengeBond();
        _challengedOffences[offenceId] = true;
        ghost_bondsHeld += bond;
        ghost_held[accused] += held;
        if (stakeManager.heldOf(accused) != ghost_held[accused]) ++ghost_slashMismatches;
        _challenges.push(
            GhostChallenge({
                id: abi.decode(result, (uint256)),
                challenger: _actor,
                accused: accused,
                kind: kind,
                bond: bond,
                deadline: block.timestamp + slasher.challengeWindow(),
                offenceId: offenceId,
                held: held,
                settled: false
            })
        );
    }

    /// @dev The challenger commits; then the copier tries the reveal it saw in the mempool: the challenger's own
    /// reveal in the commitment's block, and the same reveal from another account a block later. Both must fail.
    /// @return committed Whether the commitment went through (not while paused).
    function _commitAndTryCopies(
        address accused,
        ISlasherTypes.OffenceKind kind,
        bytes memory evidence,
        bytes32 salt,
        uint256 challengerSeed
    ) private returns (bool committed) {
        bytes32 commitment = slasher.challengeCommitmentOf(_actor, accused, kind, evidence, salt);
        (committed,) = _call(_actor, address(slasher), abi.encodeCall(slasher.commitChallenge, (commitment)));
        if (slasher.paused()) {
            if (committed) ++ghost_pauseViolations;
            return false;
        }
        bytes memory open = abi.encodeCall(slasher.openChallenge, (accused, kind, evidence, salt));
        (bool early,) = _call(_actor, address(slasher), open);
        if (early) ++ghost_copiedChallenges;
        vm.roll(block.number + 1);
        address copier = actors[(bound(challengerSeed, 0, actors.length - 1) + 1) % actors.length];
        if (copier != accused && copier != _actor && token.balanceOf(copier) >= slasher.challengeBond()) {
            ++ghost_copyAttempts;
            (bool copied,) = _call(copier, address(slasher), open);
            if (copied) ++ghost_copiedChallenges;
        }
        return true;
    }

    /// @dev The arbiter rules for or against a pending challenge; the accused may race the ruling by unstaking.
    function ruleOnChallenge(uint256 challengeSeed, bool uphold, bool frontRun) external {
        (bool found, uint256 index) = _pendingChallenge(challengeSeed);
        if (!found) return;
        GhostChallenge storage pending = _challenges[index];
        bytes memory data = uphold
            ? abi.encodeCall(slasher.upholdChallenge, (pending.id))
            : abi.encodeCall(slasher.rejectChallenge, (pending.id));
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > pending.deadline) {
            (bool late,) = _call(governance, address(slasher), data);
            if (late) ++ghost_ruleViolations;
            return;
        }
        if (uphold && frontRun) _frontRun(pending.accused);

        uint256 expected = _slashable(pending.accused) * slasher.slashShare(pending.kind) / BPS;
        (bool ok, bytes memory result) = _call(governance, address(slasher), data);
        _expect(ok, uphold ? "upholdChallenge" : "rejectChallenge", result);
        _settle(pending, uphold ? ISlasherTypes.ChallengeStatus.Upheld : ISlasherTypes.ChallengeStatus.Rejected);
        if (uphold) {
            (uint256 escrowId, uint256 slashed) = abi.decode(result, (uint256, uint256));
            _slashedOffences[pending.offenceId] = true;
            _recordSlash(pending.accused, expected, slashed, escrowId);
            ++ghost_upheld;
        }
    }

    /// @dev Anyone may expire a challenge past its deadline, even while paused; never before.
    function expireChallenge(uint256 challengeSeed, uint256 callerSeed) external useActor(callerSeed) {
        (bool found, uint256 index) = _pendingChallenge(challengeSeed);
        if (!found) return;
        GhostChallenge storage pending = _challenges[index];
        (bool ok, bytes memory result) =
            _call(_actor, address(slasher), abi.encodeCall(slasher.expireChallenge, (pending.id)));
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= pending.deadline) {
            if (ok) ++ghost_ruleViolations;
            return;
        }
        _expect(ok, "expireChallenge", result);
        _settle(pending, ISlasherTypes.ChallengeStatus.Expired);
    }

    /// @dev A settled challenge is final: upholding, rejecting or expiring it again must fail, before or after its
    /// deadline. Any success is a violation (a rejected challenge left `Pending` would refund its bond twice, or
    /// slash an accused who was cleared).
    function retrySettledChallenge(uint256 challengeSeed, uint256 which, bool afterDeadline) external {
        uint256 length = _challenges.length;
        if (length == 0) return;
        uint256 start = bound(challengeSeed, 0, length - 1);
        for (uint256 i; i < length; ++i) {
            GhostChallenge storage candidate = _challenges[(start + i) % length];
            if (!candidate.settled) continue;
            if (afterDeadline && block.timestamp <= candidate.deadline) vm.warp(candidate.deadline + 1);
            which = bound(which, 0, 2);
            bytes memory data = which == 0
                ? abi.encodeCall(slasher.upholdChallenge, (candidate.id))
                : which == 1
                    ? abi.encodeCall(slasher.rejectChallenge, (candidate.id))
                    : abi.encodeCall(slasher.expireChallenge, (candidate.id));
            ISlasherTypes.ChallengeStatus before = slasher.challenge(candidate.id).status;
            (bool ok,) = _call(governance, address(slasher), data);
            ++ghost_settledRetries;
            if (ok || slasher.challenge(candidate.id).status != before) ++ghost_settledChallengeRulings;
            return;
        }
    }

    function _settle(GhostChallenge storage pending, ISlasherTypes.ChallengeStatus status) private {
        pending.settled = true;
        ghost_bondsHeld -= pending.bond;
        _challengedOffences[pending.offenceId] = false;
        ghost_held[pending.accused] -= pending.held;
        if (slasher.challenge(pending.id).status != status) ++ghost_challengeStatusMismatches;
        if (stakeManager.heldOf(pending.accused) != ghost_held[pending.accused]) ++ghost_slashMismatches;
    }

    /*//////////////////////////////////////////////////////////////
                                 ESCROW
    //////////////////////////////////////////////////////////////*/

    function releaseSlash(uint256 escrowSeed, uint256 callerSeed) external useActor(callerSeed) {
        uint256 count = slasher.escrowCount();
        if (count == 0) return;
        uint256 escrowId = bound(escrowSeed, 1, count);
        GhostEscrow storage held = _escrows[escrowId];
        (bool ok, bytes memory result) =
            _call(_actor, address(slasher), abi.encodeCall(slasher.releaseSlash, (escrowId)));
        // forge-lint: disable-next-line(block-timestamp)
        if (held.settled || block.timestamp < held.releaseAt || slasher.paused()) {
            if (ok) ++ghost_ruleViolations;
            return;
        }
        _expect(ok, "releaseSlash", result);
        held.settled = true;
        ghost_released += held.amount;
        ++ghost_releases;
    }

    function reverseSlash(uint256 escrowSeed) external {
        uint256 count = slasher.escrowCount();
        if (count == 0) return;
        uint256 escrowId = bound(escrowSeed, 1, count);
        GhostEscrow storage held = _escrows[escrowId];
        (bool ok, bytes memory result) =
            _call(governance, address(slasher), abi.encodeCall(slasher.reverseSlash, (escrowId)));
        // forge-lint: disable-next-line(block-timestamp)
        if (held.settled || block.timestamp >= held.releaseAt) {
            if (ok) ++ghost_ruleViolations;
            return;
        }
        _expect(ok, "reverseSlash", result);
        held.settled = true;
        ledger[held.account].reversed += held.amount;
        ghost_reversed += held.amount;
    }

    /*//////////////////////////////////////////////////////////////
                         GOVERNANCE AND TIME
    //////////////////////////////////////////////////////////////*/

    /// @dev Moves time forward, first recording every staker's stake at the closing timestamp, which is now final.
    function warp(uint256 seconds_) external {
        for (uint256 i; i < actors.length; ++i) {
            _samples.push(Sample({account: actors[i], timepoint: block.timestamp, stake: ledger[actors[i]].active}));
        }
        vm.warp(block.timestamp + bound(seconds_, 1, 4 days));
    }

    function togglePause() external {
        bool paused = stakeManager.paused();
        address caller = paused ? governance : guardian;
        bytes memory data = paused ? abi.encodeCall(stakeManager.unpause, ()) : abi.encodeCall(stakeManager.pause, ());
        (bool ok, bytes memory result) = _call(caller, address(stakeManager), data);
        _expect(ok, "pause stakeManager", result);
        (ok, result) = _call(caller, address(slasher), data);
        _expect(ok, "pause slasher", result);
    }

    /// @dev Any period is proposed; only those within [slashingWindow, MAX_UNBONDING_PERIOD] may pass.
    function setUnbondingPeriod(uint256 period) external {
        period = bound(period, 0, 10 days);
        (bool ok,) = _call(governance, address(stakeManager), abi.encodeCall(stakeManager.setUnbondingPeriod, (period)));
        bool valid = period >= slasher.slashingWindow() && period >= 1 && period <= stakeManager.MAX_UNBONDING_PERIOD();
        if (ok != valid) ++ghost_ruleViolations;
    }

    /// @dev Any windows are proposed; only those that fit the unbonding period may pass.
    function setWindows(uint256 challengeWindow, uint256 escrowPeriod) external {
        challengeWindow = bound(challengeWindow, 0, 5 days);
        escrowPeriod = bound(escrowPeriod, 0, 5 days);
        (bool ok,) =
            _call(governance, address(slasher), abi.encodeCall(slasher.setWindows, (challengeWindow, escrowPeriod)));
        bool valid = challengeWindow != 0 && escrowPeriod != 0
            && challengeWindow + escrowPeriod <= stakeManager.unbondingPeriod();
        if (ok != valid) ++ghost_ruleViolations;
    }

    /// @dev Any share is proposed; a `NoReveal` share below the `Outlier` share must be refused.
    function setSlashShare(uint256 kindSeed, uint256 bps) external {
        ISlasherTypes.OffenceKind kind = ISlasherTypes.OffenceKind(bound(kindSeed, 0, 4));
        bps = bound(bps, 0, BPS);
        uint256 noReveal =
            kind == ISlasherTypes.OffenceKind.NoReveal ? bps : slasher.slashShare(ISlasherTypes.OffenceKind.NoReveal);
        uint256 outlier =
            kind == ISlasherTypes.OffenceKind.Outlier ? bps : slasher.slashShare(ISlasherTypes.OffenceKind.Outlier);
        (bool ok, bytes memory result) =
            _call(governance, address(slasher), abi.encodeCall(slasher.setSlashShare, (kind, bps)));
        if (noReveal < outlier) {
            if (ok) ++ghost_ruleViolations;
            return;
        }
        _expect(ok, "setSlashShare", result);
    }

    /// @dev New minimums, then every staker synced, so the set can be compared exactly with the registrations.
    function setMinimumStakes(uint256 contributorMinStake, uint256 validatorMinStake) external {
        contributorMinStake = bound(contributorMinStake, 1, 1e24);
        validatorMinStake = bound(validatorMinStake, 1, 1e24);
        (bool ok, bytes memory result) = _call(
            governance,
            address(stakeManager),
            abi.encodeCall(stakeManager.setMinimumStakes, (contributorMinStake, validatorMinStake))
        );
        _expect(ok, "setMinimumStakes", result);
        for (uint256 i; i < actors.length; ++i) {
            stakeManager.syncValidator(actors[i]);
        }
    }

    /*//////////////////////////////////////////////////////////////
                             VIEWS FOR TESTS
    //////////////////////////////////////////////////////////////*/

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function queueOf(address account) external view returns (GhostRequest[] memory requests) {
        uint256 head = _queueHead[account];
        requests = new GhostRequest[](_queue[account].length - head);
        for (uint256 i; i < requests.length; ++i) {
            requests[i] = _queue[account][head + i];
        }
    }

    function unbondingOf(address account) public view returns (uint256 sum) {
        GhostRequest[] storage queue = _queue[account];
        for (uint256 i = _queueHead[account]; i < queue.length; ++i) {
            sum += queue[i].amount;
        }
    }

    function sampleCount() external view returns (uint256) {
        return _samples.length;
    }

    function sample(uint256 index) external view returns (Sample memory) {
        return _samples[index];
    }

    /*//////////////////////////////////////////////////////////////
                                  MODEL
    //////////////////////////////////////////////////////////////*/

    function _credit(address account, uint256 amount) private {
        ledger[account].deposited += amount;
        ledger[account].active += amount;
        ghost_totalActive += amount;
        ghost_deposited += amount;
    }

    function _queueRequest(address account, uint256 amount) private {
        GhostRequest[] storage queue = _queue[account];
        uint256 releaseAt = block.timestamp + stakeManager.unbondingPeriod();
        if (queue.length > _queueHead[account]) {
            uint256 previous = queue[queue.length - 1].releaseAt;
            if (previous > releaseAt) releaseAt = previous;
        }
        queue.push(GhostRequest({amount: amount, releaseAt: releaseAt}));
        ledger[account].active -= amount;
        ghost_totalActive -= amount;
        ghost_totalUnbonding += amount;
    }

    /// @dev The accused moves all its unlocked stake to unbonding just before the slash lands.
    function _frontRun(address account) private {
        uint256 unlocked = _unlocked(account);
        if (unlocked == 0 || _queueLength(account) == MAX_REQUESTS || stakeManager.paused()) return;
        (bool ok, bytes memory result) =
            _call(account, address(stakeManager), abi.encodeCall(stakeManager.requestUnstake, (unlocked)));
        _expect(ok, "front-run requestUnstake", result);
        _queueRequest(account, unlocked);
        ++ghost_frontRunSlashes;
    }

    /// @dev Applies a slash of `expected` to the model (active first, then the queue newest first) after checking
    /// the chain took exactly that.
    function _recordSlash(address account, uint256 expected, uint256 slashed, uint256 escrowId) private {
        if (slashed != expected || (expected == 0) != (escrowId == 0)) ++ghost_slashMismatches;
        Ledger storage entry = ledger[account];
        uint256 fromActive = expected < entry.active ? expected : entry.active;
        entry.active -= fromActive;
        entry.slashedFromActive += fromActive;
        entry.slashed += expected;
        ghost_slashed += expected;

        uint256 remaining = expected - fromActive;
        ghost_totalActive -= fromActive;
        ghost_totalUnbonding -= remaining;
        if (remaining != 0) ++ghost_slashesReachingUnbonding;
        GhostRequest[] storage queue = _queue[account];
        while (remaining != 0) {
            GhostRequest storage newest = queue[queue.length - 1];
            if (newest.amount > remaining) {
                newest.amount -= remaining;
                remaining = 0;
            } else {
                remaining -= newest.amount;
                queue.pop();
            }
        }
        if (escrowId != 0) {
            _escrows[escrowId] = GhostEscrow({
                account: account, amount: expected, releaseAt: block.timestamp + slasher.escrowPeriod(), settled: false
            });
        }
    }

    /// @dev The matured requests a withdrawal pays, oldest first, while the slashable stake left covers the hold.
    function _matured(address account) private view returns (uint256 amount, uint256 count) {
        GhostRequest[] storage queue = _queue[account];
        uint256 slashable = _slashable(account);
        uint256 held = ghost_held[account];
        uint256 free = slashable > held ? slashable - held : 0;
        for (uint256 i = _queueHead[account]; i < queue.length; ++i) {
            // forge-lint: disable-next-line(block-timestamp)
            if (queue[i].releaseAt > block.timestamp || amount + queue[i].amount > free) break;
            amount += queue[i].amount;
            ++count;
        }
    }

    /// @dev The first actor from `seed` on that `fits`, or the seed's actor if none does.
    function _findActor(uint256 seed, function(address) view returns (bool) fits) private view returns (address) {
        uint256 start = bound(seed, 0, actors.length - 1);
        for (uint256 i; i < actors.length; ++i) {
            address candidate = actors[(start + i) % actors.length];
            if (fits(candidate)) return candidate;
        }
        return actors[start];
    }

    function _canUnstake(address account) private view returns (bool) {
        return _unlocked(account) != 0 && _queueLength(account) < MAX_REQUESTS;
    }

    function _canWithdraw(address account) private view returns (bool) {
        (, uint256 count) = _matured(account);
        return count != 0;
    }

    function _unlocked(address account) private view returns (uint256) {
        Ledger storage entry = ledger[account];
        return entry.active > entry.locked ? entry.active - entry.locked : 0;
    }

    function _slashable(address account) private view returns (uint256) {
        return ledger[account].active + unbondingOf(account);
    }

    function _queueLength(address account) private view returns (uint256) {
        return _queue[account].length - _queueHead[account];
    }

    function _pendingChallenge(uint256 seed) private view returns (bool found, uint256 index) {
        uint256 length = _challenges.length;
        if (length == 0) return (false, 0);
        uint256 start = bound(seed, 0, length - 1);
        for (uint256 i; i < length; ++i) {
            index = (start + i) % length;
            if (!_challenges[index].settled) return (true, index);
        }
        return (false, 0);
    }

    /// @dev Calls `target` as `caller` (through the hostile contract when it is the caller) without reverting.
    function _call(address caller, address target, bytes memory data) private returns (bool ok, bytes memory result) {
        if (caller == address(hostile)) return hostile.execute(target, data);
        vm.prank(caller);
        (ok, result) = target.call(data);
    }

    function _expect(bool ok, string memory action, bytes memory reason) private pure {
        if (!ok) revert StakingHandlerUnexpectedFailure(action, reason);
    }
}
