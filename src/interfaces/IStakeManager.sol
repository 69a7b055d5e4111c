// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDaimmToken} from "./IDaimmToken.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";

/// @title IStakeManagerErrors
/// @notice Custom errors of the StakeManager. Each names the account and amounts involved.
interface IStakeManagerErrors {
    /// @notice A stake, unstake, lock or unlock of zero tokens.
    /// @param account The account the call was about.
    error StakeManagerZeroAmount(address account);

    /// @notice `account` asked to move more than its unlocked active stake (to unbonding, or under a lock).
    /// @param account The staker.
    /// @param unlocked Active stake not held by a lock: the most that could move.
    /// @param requested The amount asked for.
    error StakeManagerInsufficientUnlockedStake(address account, uint256 unlocked, uint256 requested);

    /// @notice The scoring module released more than `account` has locked.
    /// @param account The staker.
    /// @param locked Stake currently locked.
    /// @param requested The amount asked to unlock.
    error StakeManagerInsufficientLockedStake(address account, uint256 locked, uint256 requested);

    /// @notice `account` already has the maximum number of pending unbonding requests.
    /// @param account The staker; `withdraw` matured requests to make room.
    /// @param maxRequests The per-account bound, `MAX_UNBONDING_REQUESTS`.
    error StakeManagerUnbondingQueueFull(address account, uint256 maxRequests);

    /// @notice `withdraw` found no unbonding request whose release time has come.
    /// @param account The staker.
    /// @param nextReleaseAt Release time of the oldest pending request, or 0 when nothing is unbonding.
    error StakeManagerNothingToWithdraw(address account, uint256 nextReleaseAt);

    /// @notice A hold release larger than the account's hold.
    /// @param account The account.
    /// @param held Tokens held.
    /// @param requested Tokens asked to release.
    error StakeManagerInsufficientHeldStake(address account, uint256 held, uint256 requested);

    /// @notice This offence id was slashed already: an offence is slashed at most once.
    /// @param offenceId The offence.
    error StakeManagerOffenceAlreadySlashed(bytes32 offenceId);

    /// @notice An unbonding period outside `[slashingWindow, MAX_UNBONDING_PERIOD]`, or zero.
    /// @param period The rejected period, in seconds.
    /// @param minimum The registered Slasher's longest challenge-plus-escrow window (at least 1).
    /// @param maximum `MAX_UNBONDING_PERIOD`.
    error StakeManagerInvalidUnbondingPeriod(uint256 period, uint256 minimum, uint256 maximum);

    /// @notice A Slasher whose challenge-plus-escrow window is longer than the unbonding period: stake could leave
    /// before a slash reaches it.
    /// @param slasher The rejected Slasher.
    /// @param slashingWindow Its window, in seconds.
    /// @param unbondingPeriod The current unbonding period, in seconds.
    error StakeManagerSlashingWindowTooLong(address slasher, uint256 slashingWindow, uint256 unbondingPeriod);

    /// @notice A minimum stake of zero, or one that does not fit the token's supply.
    /// @param contributorMinStake The rejected contributor minimum.
    /// @param validatorMinStake The rejected validator minimum.
    error StakeManagerInvalidMinimumStakes(uint256 contributorMinStake, uint256 validatorMinStake);

    /// @notice `registerValidator` by a registered validator, or `deregisterValidator` by one that is not.
    /// @param account The caller.
    /// @param registered Whether it is registered now.
    error StakeManagerValidatorRegistrationUnchanged(address account, bool registered);

    /// @notice `validatorAt` past the end of the validator set.
    /// @param index The requested 0-based index.
    /// @param count The size of the set.
    error StakeManagerValidatorIndexOutOfBounds(uint256 index, uint256 count);

    /// @notice A stake lookup at the current time or later: only past stake is final.
    /// @param timepoint The requested timepoint.
    /// @param clock The current timepoint (`clock()`).
    error StakeManagerFutureLookup(uint256 timepoint, uint48 clock);
}

/// @title IStakeManagerEvents
/// @notice Events of the StakeManager. Replayed in order, they rebuild every account (active stake and its
/// checkpoints, the unbonding queue, locks, registration), the validator set, the totals and the parameters.
interface IStakeManagerEvents {
    /// @notice `account` added `amount` to its active stake.
    /// @param account The staker; it paid the tokens.
    /// @param amount Tokens added.
    /// @param newStake Active stake after the call: the value checkpointed at this block's timestamp.
    event Staked(address indexed account, uint256 amount, uint256 newStake);

    /// @notice `account` moved `amount` of active stake into its unbonding queue. It stays slashable there.
    /// @param account The staker.
    /// @param amount Tokens queued; appended at the end of the account's queue.
    /// @param releaseAt Timestamp from which `withdraw` pays the request out.
    /// @param newStake Active stake after the call: the value checkpointed at this block's timestamp.
    event UnstakeRequested(address indexed account, uint256 amount, uint256 releaseAt, uint256 newStake);

    /// @notice `account` withdrew its matured unbonding requests, oldest first.
    /// @param account The staker, who received the tokens.
    /// @param amount Tokens paid out.
    /// @param requests Number of requests removed from the front of the queue.
    event Withdrawn(address indexed account, uint256 amount, uint256 requests);

    /// @notice The scoring module locked part of `account`'s active stake (it sits in an open round).
    /// @param account The staker.
    /// @param amount Tokens locked by this call.
    /// @param newLocked The account's locked stake after the call.
    event StakeLocked(address indexed account, uint256 amount, uint256 newLocked);

    /// @notice The scoring module released part of `account`'s lock.
    /// @param account The staker.
    /// @param amount Tokens unlocked by this call.
    /// @param newLocked The account's locked stake after the call.
    event StakeUnlocked(address indexed account, uint256 amount, uint256 newLocked);

    /// @notice The Slasher held `amount` more of `account`'s stake for a pending challenge; `newHeld` is held now.
    /// Withdrawals never take the account's slashable stake below what is held.
    /// @param account The accused.
    /// @param amount Tokens added to the hold.
    /// @param newHeld Tokens held now.
    event StakeHeld(address indexed account, uint256 amount, uint256 newHeld);

    /// @notice A challenge was ruled or expired and its hold released.
    /// @param account The accused.
    /// @param amount Tokens released from the hold.
    /// @param newHeld Tokens still held.
    event StakeHoldReleased(address indexed account, uint256 amount, uint256 newHeld);

    /// @notice `account` was slashed for `offenceId`; the tokens went to `recipient` (the Slasher's escrow).
    /// @dev Active stake is taken first; the rest comes out of the unbonding queue, newest request first, and a
    /// request brought to zero leaves the queue.
    /// @param account The slashed staker.
    /// @param offenceId The offence; never slashed again.
    /// @param recipient The caller holding the SLASHER role, which received the tokens.
    /// @param requested The amount the Slasher asked for.
    /// @param fromActive Tokens taken from active stake (checkpointed at this block's timestamp).
    /// @param fromUnbonding Tokens taken from the unbonding queue.
    event Slashed(
        address indexed account,
        bytes32 indexed offenceId,
        address indexed recipient,
        uint256 requested,
        uint256 fromActive,
        uint256 fromUnbonding
    );

    /// @notice `account` opted in to validating: it joins the validator set whenever its active stake meets the
    /// validator minimum.
    /// @param account The validator.
    event ValidatorRegistered(address indexed account);

    /// @notice `account` opted out of validating and left the validator set if it was in it.
    /// @param account The former validator.
    event ValidatorDeregistered(address indexed account);

    /// @notice `account` entered the validator set, at the end of the enumeration.
    /// @param account The validator.
    /// @param position Its 1-based position, also the new size of the set.
    event ValidatorActivated(address indexed account, uint256 position);

    /// @notice `account` left the validator set. The last member moved into its position (swap and pop).
    /// @param account The validator that left.
    /// @param position The position it held, now the moved member's (or gone, if it was the last).
    event ValidatorDeactivated(address indexed account, uint256 position);

    /// @notice Governance set the unbonding period; it applies to requests made from now on.
    /// @param period Seconds between an unstake request and its withdrawal.
    event UnbondingPeriodSet(uint256 period);

    /// @notice Governance set the minimum active stake of each role.
    /// @param contributorMinStake Minimum active stake of a contributor, in token wei.
    /// @param validatorMinStake Minimum active stake of a member of the validator set, in token wei.
    event MinimumStakesSet(uint256 contributorMinStake, uint256 validatorMinStake);

    /// @notice Governance registered the Slasher whose window bounds the unbonding period from below.
    /// @param slasher The Slasher (it still needs the SLASHER role in the AccessManager to slash).
    event SlasherSet(address indexed slasher);
}

/// @title IStakeManager
/// @notice Custody of staked DAIMM for contributors and validators: stake, an unbonding queue that stays slashable,
/// locks for stake in open scoring rounds, stake checkpoints by timestamp, the validator set, and slashing by the
/// Slasher.
/// @dev Amounts are token wei. Timepoints follow the token's ERC-6372 clock (`mode=timestamp`). The contract's token
/// balance always equals `totalStaked() + totalUnbonding()`: slashed tokens leave at once for the Slasher's escrow.
interface IStakeManager is IStakeManagerErrors, IStakeManagerEvents, IERC6372 {
    /// @notice One pending unbonding request.
    /// @param amount Tokens still owed by this request (slashing may have reduced it; never zero while queued).
    /// @param releaseAt Timestamp from which it can be withdrawn. Release times never decrease along a queue.
    struct UnbondingRequest {
        uint96 amount;
        uint48 releaseAt;
    }

    /*//////////////////////////////////////////////////////////////
                                 STAKERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Adds `amount` to the caller's active stake, pulling the tokens (approve this contract first).
    /// @dev Checkpoints the new stake at the current timestamp, so it only counts in rounds that open later. Joins
    /// the validator set if the caller is a registered validator and now meets the validator minimum. Paused with
    /// the module.
    /// @param amount Tokens to stake; not zero.
    function stake(uint256 amount) external;

    /// @notice Registers the caller as a validator (if it is not yet) and stakes `amount`, in one call.
    /// @param amount Tokens to stake; not zero.
    function stakeAsValidator(uint256 amount) external;

    /// @notice `stake` or `stakeAsValidator` with an EIP-2612 permit instead of a prior approval.
    /// @dev A permit that fails (for instance because someone front-ran it) is ignored: staking then proceeds if the
    /// allowance is already there.
    /// @param amount Tokens to stake; not zero. The permit's value.
    /// @param asValidator Whether to register as a validator too.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's `v`.
    /// @param r The permit signature's `r`.
    /// @param s The permit signature's `s`.
    function stakeWithPermit(uint256 amount, bool asValidator, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Opts the caller in to validating. It is in the validator set while its active stake meets the
    /// validator minimum. Paused with the module.
    function registerValidator() external;

    /// @notice Opts the caller out of validating and removes it from the validator set. Not paused: reducing one's
    /// exposure is always allowed. Locks already taken stay until the scoring module releases them.
    function deregisterValidator() external;

    /// @notice Moves `amount` of the caller's unlocked active stake to the end of its unbonding queue, releasable
    /// after the unbonding period. The stake stops counting (checkpointed now) but stays slashable until withdrawn.
    /// @dev The release time is `max(now + unbondingPeriod, release time of the previous request)`, so a shortened
    /// period never lets a later request overtake an earlier one. Paused with the module.
    /// @param amount Tokens to unbond; not zero, at most `unlockedStakeOf(msg.sender)`.
    function requestUnstake(uint256 amount) external;

    /// @notice Pays the caller every unbonding request whose release time has come, oldest first, as long as its
    /// slashable stake stays at least what pending challenges hold (`heldOf`). Paused with the module, so a guardian
    /// pause that stops settlement also stops escapes. Reverts when nothing can be paid.
    /// @return amount Tokens paid out.
    function withdraw() external returns (uint256 amount);

    /// @notice Re-evaluates `account`'s membership of the validator set against the current minimum. Anyone may
    /// call it, for instance after governance raised the validator minimum.
    /// @param account The account to bring up to date.
    function syncValidator(address account) external;

    /*//////////////////////////////////////////////////////////////
                                 MODULES
    //////////////////////////////////////////////////////////////*/

    /// @notice Locks `amount` of `account`'s unlocked active stake while it sits in an open scoring round. Locked
    /// stake cannot be unstaked, but it can be slashed. Callable by the SCORING role.
    /// @param account The staker.
    /// @param amount Tokens to lock; not zero, at most `unlockedStakeOf(account)`.
    function lock(address account, uint256 amount) external;

    /// @notice Releases `amount` of `account`'s locked stake. Callable by the SCORING role. Not paused, so rounds can
    /// always close.
    /// @param account The staker.
    /// @param amount Tokens to unlock; not zero, at most `lockedOf(account)`.
    function unlock(address account, uint256 amount) external;

    /// @notice Holds `amount` more of `account`'s slashable stake for a pending challenge: withdrawals stop where
    /// they would take the slashable stake below the hold. Callable by the SLASHER role. Not paused.
    /// @param account The accused.
    /// @param amount Tokens to hold.
    function hold(address account, uint256 amount) external;

    /// @notice Releases `amount` of `account`'s hold once its challenge is ruled or expired. Callable by the SLASHER
    /// role. Not paused.
    /// @param account The accused.
    /// @param amount Tokens to release; at most `heldOf(account)`.
    function releaseHold(address account, uint256 amount) external;

    /// @notice Slashes up to `amount` of `account`'s stake for `offenceId` and sends it to the caller. Callable by
    /// the SLASHER role. Takes active stake first, then unbonding stake (newest request first); never more than the
    /// account has, and never twice for one offence. Locks do not protect stake from slashing. Not paused.
    /// @param account The offender.
    /// @param amount The most to take; zero only records the offence.
    /// @param offenceId Unique id of the offence, as the Slasher derives it.
    /// @return slashed Tokens taken: `min(amount, slashableStakeOf(account))`.
    function slash(address account, uint256 amount, bytes32 offenceId) external returns (uint256 slashed);

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the unbonding period for requests made from now on. Callable by the ADMIN role.
    /// @param period Seconds; at least the registered Slasher's `slashingWindow()` (and 1), at most
    /// `MAX_UNBONDING_PERIOD`.
    function setUnbondingPeriod(uint256 period) external;

    /// @notice Sets the minimum active stake of a contributor and of a validator-set member. Callable by the ADMIN
    /// role. The set is not swept: members that no longer qualify leave when they are next touched or synced.
    /// @param contributorMinStake Token wei; not zero.
    /// @param validatorMinStake Token wei; not zero.
    function setMinimumStakes(uint256 contributorMinStake, uint256 validatorMinStake) external;

    /// @notice Registers the Slasher whose `slashingWindow()` bounds the unbonding period from below. Callable by the
    /// ADMIN role. It does not grant the SLASHER role: that is the AccessManager's.
    /// @param slasher The Slasher, whose window must not exceed the unbonding period; or zero to register none.
    function setSlasher(address slasher) external;

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The most pending unbonding requests an account may have (bounds every loop over a queue).
    function MAX_UNBONDING_REQUESTS() external view returns (uint256);

    /// @notice The longest unbonding period governance may set, in seconds.
    function MAX_UNBONDING_PERIOD() external view returns (uint256);

    /// @notice The staked token, DAIMM.
    function token() external view returns (IDaimmToken);

    /// @notice The registered Slasher (zero if none).
    function slasher() external view returns (address);

    /// @notice Seconds between an unstake request and its withdrawal, for requests made now.
    function unbondingPeriod() external view returns (uint256);

    /// @notice Minimum active stake of a contributor, in token wei.
    function contributorMinStake() external view returns (uint256);

    /// @notice Minimum active stake of a member of the validator set, in token wei.
    function validatorMinStake() external view returns (uint256);

    /// @notice Sum of every account's active stake.
    function totalStaked() external view returns (uint256);

    /// @notice Sum of every account's unbonding stake (matured or not, until withdrawn).
    function totalUnbonding() external view returns (uint256);

    /// @notice `account`'s active stake now.
    function stakeOf(address account) external view returns (uint256);

    /// @notice `account`'s active stake at the end of `timepoint` (a past timestamp of the token's clock).
    /// @dev Binary search over the account's checkpoints. Reverts for the current timestamp or later, whose value
    /// could still change within the block.
    /// @param account The staker.
    /// @param timepoint A timestamp before `clock()`.
    function stakeAt(address account, uint256 timepoint) external view returns (uint256);

    /// @notice `account`'s stake in its unbonding queue (still slashable).
    function unbondingOf(address account) external view returns (uint256);

    /// @notice `account`'s locked stake (part of its active stake unless a slash took it).
    function lockedOf(address account) external view returns (uint256);

    /// @notice `account`'s stake held for pending challenges: withdrawals leave at least this much slashable.
    function heldOf(address account) external view returns (uint256);

    /// @notice `account`'s active stake that is not locked: what it may unstake, or a round may lock.
    function unlockedStakeOf(address account) external view returns (uint256);

    /// @notice `account`'s active plus unbonding stake: the most a slash can take.
    function slashableStakeOf(address account) external view returns (uint256);

    /// @notice Tokens `withdraw` would pay `account` now.
    function withdrawableOf(address account) external view returns (uint256);

    /// @notice `account`'s pending unbonding requests, oldest first.
    function unbondingRequests(address account) external view returns (UnbondingRequest[] memory);

    /// @notice Whether `account` has opted in to validating.
    function isRegisteredValidator(address account) external view returns (bool);

    /// @notice Whether `account` is a registered validator whose active stake meets the current validator minimum.
    function isValidator(address account) external view returns (bool);

    /// @notice Whether `account`'s active stake meets the current contributor minimum.
    function isContributor(address account) external view returns (bool);

    /// @notice Size of the validator set.
    function validatorCount() external view returns (uint256);

    /// @notice Member of the validator set at 0-based `index` (positions change when members leave).
    /// @param index Below `validatorCount()`.
    function validatorAt(uint256 index) external view returns (address);

    /// @notice Whether `offenceId` has been slashed.
    function isOffenceSlashed(bytes32 offenceId) external view returns (bool);
}
