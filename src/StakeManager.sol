// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {IDaimmToken} from "./interfaces/IDaimmToken.sol";
import {ISlasher} from "./interfaces/ISlasher.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title StakeManager
/// @notice Custody of staked DAIMM: stake, an unbonding queue that stays slashable, locks for open scoring rounds,
/// stake checkpoints by timestamp, the validator set, and slashing by the Slasher.
/// @dev Storage is laid out for the common operations (see docs/staking.md):
/// - an account's active stake lives only in its `Checkpoints.Trace208` (the latest checkpoint is the current
///   value), so a top-up writes one new checkpoint and nothing else of the account;
/// - everything else about an account (unbonding total, lock, validator-set position, queue head and length,
///   registration) is packed into one slot;
/// - the totals, the validator count and the unbonding period share one slot;
/// - each account's unbonding queue is a ring of `MAX_UNBONDING_REQUESTS` slots that are never cleared, so a
///   withdrawal writes no request slot and a slot reused by a later request costs a non-zero write, not a new slot.
/// Every amount fits 96 bits because the token's supply is fixed at 1e27 < 2^96.
/// Time is the token's ERC-6372 clock, the block timestamp. Unbonding lasts days to weeks, far beyond the seconds a
/// block producer can skew it, so the `block-timestamp` lint is disabled where release times are compared.
contract StakeManager is DaimmModule, ReentrancyGuardTransient, IStakeManager {
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                  TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev One account's bookkeeping besides its active stake, in one slot (256 bits).
    /// @param unbonding Sum of the amounts in the account's queue.
    /// @param locked Stake locked by the scoring module.
    /// @param validatorPosition 1-based position in the validator set; 0 when not a member.
    /// @param queueHead Ring index of the oldest pending request.
    /// @param queueLength Number of pending requests, at most `MAX_UNBONDING_REQUESTS`.
    /// @param registeredValidator Whether the account opted in to validating.
    /// @param hasHold Whether a pending challenge holds some of its stake (the amount lives in `held`), so a withdrawal
    /// without one reads nothing more than this slot.
    struct Account {
        uint96 unbonding;
        uint96 locked;
        uint32 validatorPosition;
        uint8 queueHead;
        uint8 queueLength;
        bool registeredValidator;
        bool hasHold;
    }

    /// @dev Totals and the unbonding period, in one slot that every stake movement writes anyway.
    struct Totals {
        uint96 staked;
        uint96 unbonding;
        uint32 validatorCount;
        uint32 unbondingPeriod;
    }

    /*//////////////////////////////////////////////////////////////
                          CONSTANTS AND IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IStakeManager
    uint256 public constant MAX_UNBONDING_REQUESTS = 16;

    /// @inheritdoc IStakeManager
    uint256 public constant MAX_UNBONDING_PERIOD = 365 days;

    /// @dev keccak256(abi.encode(uint256(keccak256("daimm.storage.StakeManager")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x7fc7359a865d416f1da384ec892491d08053c0b54919082de785de668eea0b00;

    /// @dev The staked token. An immutable of the implementation: an upgrade must be built for the same token.
    IDaimmToken private immutable _token;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @custom:storage-location erc7201:daimm.storage.StakeManager
    struct StakeManagerStorage {
        Totals totals;
        uint96 contributorMinStake;
        uint96 validatorMinStake;
        address slasher;
        mapping(address account => Account) accounts;
        mapping(address account => Checkpoints.Trace208) stakes;
        mapping(address account => UnbondingRequest[MAX_UNBONDING_REQUESTS]) queues;
        mapping(uint256 position => address validator) validators;
        mapping(bytes32 offenceId => bool slashed) slashedOffences;
        mapping(address account => uint256) held;
    }

    /*//////////////////////////////////////////////////////////////
                               INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @param token_ The staked token.
    /// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
    constructor(IDaimmToken token_) {
        _token = token_;
    }

    /// @notice Sets up the proxy: its authority (the AccessManager), unbonding period and minimum stakes. The Slasher
    /// is registered afterwards with `setSlasher`, once it exists.
    /// @param authority The protocol's AccessManager.
    /// @param unbondingPeriod_ Seconds between an unstake request and its withdrawal.
    /// @param contributorMinStake_ Minimum active stake of a contributor.
    /// @param validatorMinStake_ Minimum active stake of a validator-set member.
    function initialize(
        address authority,
        uint256 unbondingPeriod_,
        uint256 contributorMinStake_,
        uint256 validatorMinStake_
    ) external initializer {
        __DaimmModule_init(authority);
        _setUnbondingPeriod(unbondingPeriod_);
        _setMinimumStakes(contributorMinStake_, validatorMinStake_);
    }

    /*//////////////////////////////////////////////////////////////
                                 STAKERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IStakeManager
    function stake(uint256 amount) external whenNotPaused nonReentrant {
        _stake(msg.sender, amount, false);
    }

    /// @inheritdoc IStakeManager
    function stakeAsValidator(uint256 amount) external whenNotPaused nonReentrant {
        _stake(msg.sender, amount, true);
    }

    /// @inheritdoc IStakeManager
    function stakeWithPermit(uint256 amount, bool asValidator, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        whenNotPaused
        nonReentrant
    {
        // A front-run permit must not block the stake: the allowance it set is what `_stake` needs.
        try IERC20Permit(address(_token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _stake(msg.sender, amount, asValidator);
    }

    /// @inheritdoc IStakeManager
    function registerValidator() external whenNotPaused {
        _setRegistration(msg.sender, true);
    }

    /// @inheritdoc IStakeManager
    function deregisterValidator() external {
        _setRegistration(msg.sender, false);
    }

    /// @inheritdoc IStakeManager
    function requestUnstake(uint256 amount) external whenNotPaused {
        address account = msg.sender;
        if (amount == 0) revert StakeManagerZeroAmount(account);
        StakeManagerStorage storage $ = _storage();
        Account memory acc = $.accounts[account];
        Totals memory totals = $.totals;

        uint256 active = _stakeOf($, account);
        uint256 unlocked = _unlocked(active, acc.locked);
        if (amount > unlocked) revert StakeManagerInsufficientUnlockedStake(account, unlocked, amount);
        if (acc.queueLength == MAX_UNBONDING_REQUESTS) {
            revert StakeManagerUnbondingQueueFull(account, MAX_UNBONDING_REQUESTS);
        }

        UnbondingRequest[MAX_UNBONDING_REQUESTS] storage queue = $.queues[account];
        uint256 releaseAt = block.timestamp + totals.unbondingPeriod;
        if (acc.queueLength != 0) {
            // Keeps release times non-decreasing along the queue when governance shortens the period.
            releaseAt = Math.max(releaseAt, queue[_ringIndex(acc.queueHead, acc.queueLength - 1)].releaseAt);
        }
        uint96 moved = amount.toUint96();
        queue[_ringIndex(acc.queueHead, acc.queueLength)] =
            UnbondingRequest({amount: moved, releaseAt: releaseAt.toUint48()});
        // Cannot overflow: the queue is not full, and unbonding totals stay below the token's supply (< 2^96).
        // Cannot underflow: `moved` is at most the account's active stake, which `totals.staked` includes.
        unchecked {
            acc.queueLength += 1;
            acc.unbonding += moved;
            totals.staked -= moved;
            totals.unbonding += moved;
        }

        uint256 newStake = active - amount;
        _pushStake($, account, newStake);
        _syncValidatorSet($, account, acc, totals, newStake);
        $.accounts[account] = acc;
        $.totals = totals;
        emit UnstakeRequested(account, amount, releaseAt, newStake);
    }

    /// @inheritdoc IStakeManager
    function withdraw() external whenNotPaused nonReentrant returns (uint256 amount) {
        address account = msg.sender;
        StakeManagerStorage storage $ = _storage();
        Account memory acc = $.accounts[account];
        UnbondingRequest[MAX_UNBONDING_REQUESTS] storage queue = $.queues[account];

        // What may leave without taking the slashable stake below the pending challenges' hold.
        uint256 free = type(uint256).max;
        if (acc.hasHold) {
            uint256 slashable = _stakeOf($, account) + acc.unbonding;
            uint256 held = $.held[account];
            free = slashable > held ? slashable - held : 0;
        }
        uint256 paid = 0;
        uint256 length = acc.queueLength;
        for (; paid < length; ++paid) {
            UnbondingRequest memory request = queue[_ringIndex(acc.queueHead, paid)];
            // forge-lint: disable-next-line(block-timestamp)
            if (request.releaseAt > block.timestamp || amount + request.amount > free) break;
            amount += request.amount;
        }
        if (paid == 0) {
            revert StakeManagerNothingToWithdraw(account, length == 0 ? 0 : queue[acc.queueHead].releaseAt);
        }

        // `amount` is a sum of queued amounts, so it fits 96 bits and is at most both unbonding totals.
        uint96 released = amount.toUint96();
        // The cast is safe: a ring index is below MAX_UNBONDING_REQUESTS (16).
        acc.queueHead = uint8(_ringIndex(acc.queueHead, paid));
        unchecked {
            // Cannot underflow: `paid` is at most the queue's length; `released` is part of both totals.
            acc.queueLength -= paid.toUint8();
            acc.unbonding -= released;
            $.totals.unbonding -= released;
        }
        $.accounts[account] = acc;
        emit Withdrawn(account, amount, paid);
        IERC20(address(_token)).safeTransfer(account, amount);
    }

    /// @inheritdoc IStakeManager
    function syncValidator(address account) external {
        StakeManagerStorage storage $ = _storage();
        Account memory acc = $.accounts[account];
        Totals memory totals = $.totals;
        if (_syncValidatorSet($, account, acc, totals, _stakeOf($, account))) {
            $.accounts[account] = acc;
            $.totals = totals;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 MODULES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IStakeManager
    function lock(address account, uint256 amount) external restricted {
        if (amount == 0) revert StakeManagerZeroAmount(account);
        StakeManagerStorage storage $ = _storage();
        Account storage acc = $.accounts[account];
        uint96 locked = acc.locked;
        uint256 unlocked = _unlocked(_stakeOf($, account), locked);
        if (amount > unlocked) revert StakeManagerInsufficientUnlockedStake(account, unlocked, amount);
        // Cannot overflow: the new lock is at most the account's active stake (< 2^96).
        uint96 newLocked;
        unchecked {
            newLocked = locked + amount.toUint96();
        }
        acc.locked = newLocked;
        emit StakeLocked(account, amount, newLocked);
    }

    /// @inheritdoc IStakeManager
    function unlock(address account, uint256 amount) external restricted {
        if (amount == 0) revert StakeManagerZeroAmount(account);
        Account storage acc = _storage().accounts[account];
        uint96 locked = acc.locked;
        if (amount > locked) revert StakeManagerInsufficientLockedStake(account, locked, amount);
        // Cannot underflow: checked just above.
        uint96 newLocked;
        unchecked {
            newLocked = locked - amount.toUint96();
        }
        acc.locked = newLocked;
        emit StakeUnlocked(account, amount, newLocked);
    }

    /// @inheritdoc IStakeManager
    function hold(address account, uint256 amount) external restricted {
        if (amount == 0) revert StakeManagerZeroAmount(account);
        StakeManagerStorage storage $ = _storage();
        uint256 newHeld = $.held[account] + amount;
        $.held[account] = newHeld;
        $.accounts[account].hasHold = true;
        emit StakeHeld(account, amount, newHeld);
    }

    /// @inheritdoc IStakeManager
    function releaseHold(address account, uint256 amount) external restricted {
        if (amount == 0) revert StakeManagerZeroAmount(account);
        StakeManagerStorage storage $ = _storage();
        uint256 held = $.held[account];
        if (amount > held) revert StakeManagerInsufficientHeldStake(account, held, amount);
        uint256 newHeld;
        // Cannot underflow: checked just above.
        unchecked {
            newHeld = held - amount;
        }
        $.held[account] = newHeld;
        if (newHeld == 0) $.accounts[account].hasHold = false;
        emit StakeHoldReleased(account, amount, newHeld);
    }

    /// @inheritdoc IStakeManager
    function slash(address account, uint256 amount, bytes32 offenceId)
        external
        restricted
        nonReentrant
        returns (uint256 slashed)
    {
        StakeManagerStorage storage $ = _storage();
        if ($.slashedOffences[offenceId]) revert StakeManagerOffenceAlreadySlashed(offenceId);
        $.slashedOffences[offenceId] = true;

        Account memory acc = $.accounts[account];
        Totals memory totals = $.totals;
        uint256 active = _stakeOf($, account);
        uint256 fromActive = Math.min(amount, active);
        uint256 fromUnbonding = Math.min(amount - fromActive, acc.unbonding);

        if (fromActive != 0) {
            uint256 newStake = active - fromActive;
            _pushStake($, account, newStake);
            // Cannot underflow: the account's active stake is part of the total.
            unchecked {
                totals.staked -= fromActive.toUint96();
            }
            _syncValidatorSet($, account, acc, totals, newStake);
        }
        if (fromUnbonding != 0) {
            _slashUnbonding($.queues[account], acc, fromUnbonding);
            // Cannot underflow: the account's unbonding stake is part of the total.
            unchecked {
                totals.unbonding -= fromUnbonding.toUint96();
            }
        }
        $.accounts[account] = acc;
        $.totals = totals;

        slashed = fromActive + fromUnbonding;
        emit Slashed(account, offenceId, msg.sender, amount, fromActive, fromUnbonding);
        if (slashed != 0) IERC20(address(_token)).safeTransfer(msg.sender, slashed);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IStakeManager
    function setUnbondingPeriod(uint256 period) external restricted {
        _setUnbondingPeriod(period);
    }

    /// @inheritdoc IStakeManager
    function setMinimumStakes(uint256 contributorMinStake_, uint256 validatorMinStake_) external restricted {
        _setMinimumStakes(contributorMinStake_, validatorMinStake_);
    }

    /// @inheritdoc IStakeManager
    function setSlasher(address slasher_) external restricted {
        if (slasher_ != address(0)) {
            uint256 window = ISlasher(slasher_).slashingWindow();
            uint256 period = _storage().totals.unbondingPeriod;
            if (window > period) revert StakeManagerSlashingWindowTooLong(slasher_, window, period);
        }
        _storage().slasher = slasher_;
        emit SlasherSet(slasher_);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The token's clock: timestamps (ERC-6372), the same as DaimmToken's.
    function clock() public view returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 description of the clock.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IStakeManager
    function token() external view returns (IDaimmToken) {
        return _token;
    }

    /// @inheritdoc IStakeManager
    function slasher() external view returns (address) {
        return _storage().slasher;
    }

    /// @inheritdoc IStakeManager
    function unbondingPeriod() external view returns (uint256) {
        return _storage().totals.unbondingPeriod;
    }

    /// @inheritdoc IStakeManager
    function contributorMinStake() external view returns (uint256) {
        return _storage().contributorMinStake;
    }

    /// @inheritdoc IStakeManager
    function validatorMinStake() external view returns (uint256) {
        return _storage().validatorMinStake;
    }

    /// @inheritdoc IStakeManager
    function totalStaked() external view returns (uint256) {
        return _storage().totals.staked;
    }

    /// @inheritdoc IStakeManager
    function totalUnbonding() external view returns (uint256) {
        return _storage().totals.unbonding;
    }

    /// @inheritdoc IStakeManager
    function stakeOf(address account) external view returns (uint256) {
        return _stakeOf(_storage(), account);
    }

    /// @inheritdoc IStakeManager
    function stakeAt(address account, uint256 timepoint) external view returns (uint256) {
        uint48 currentClock = clock();
        if (timepoint >= currentClock) revert StakeManagerFutureLookup(timepoint, currentClock);
        // The cast is safe: `timepoint` is below the current clock, a uint48.
        // forge-lint: disable-next-line(unsafe-typecast)
        return _storage().stakes[account].upperLookupRecent(uint48(timepoint));
    }

    /// @inheritdoc IStakeManager
    function unbondingOf(address account) external view returns (uint256) {
        return _storage().accounts[account].unbonding;
    }

    /// @inheritdoc IStakeManager
    function lockedOf(address account) external view returns (uint256) {
        return _storage().accounts[account].locked;
    }

    /// @inheritdoc IStakeManager
    function heldOf(address account) external view returns (uint256) {
        return _storage().held[account];
    }

    /// @inheritdoc IStakeManager
    function unlockedStakeOf(address account) external view returns (uint256) {
        StakeManagerStorage storage $ = _storage();
        return _unlocked(_stakeOf($, account), $.accounts[account].locked);
    }

    /// @inheritdoc IStakeManager
    function slashableStakeOf(address account) external view returns (uint256) {
        StakeManagerStorage storage $ = _storage();
        return _stakeOf($, account) + $.accounts[account].unbonding;
    }

    /// @inheritdoc IStakeManager
    function withdrawableOf(address account) external view returns (uint256 amount) {
        StakeManagerStorage storage $ = _storage();
        Account memory acc = $.accounts[account];
        UnbondingRequest[MAX_UNBONDING_REQUESTS] storage queue = $.queues[account];
        uint256 free = type(uint256).max;
        if (acc.hasHold) {
            uint256 slashable = _stakeOf($, account) + acc.unbonding;
            uint256 held = $.held[account];
            free = slashable > held ? slashable - held : 0;
        }
        for (uint256 i; i < acc.queueLength; ++i) {
            UnbondingRequest memory request = queue[_ringIndex(acc.queueHead, i)];
            // forge-lint: disable-next-line(block-timestamp)
            if (request.releaseAt > block.timestamp || amount + request.amount > free) break;
            amount += request.amount;
        }
    }

    /// @inheritdoc IStakeManager
    function unbondingRequests(address account) external view returns (UnbondingRequest[] memory requests) {
        StakeManagerStorage storage $ = _storage();
        Account memory acc = $.accounts[account];
        UnbondingRequest[MAX_UNBONDING_REQUESTS] storage queue = $.queues[account];
        requests = new UnbondingRequest[](acc.queueLength);
        for (uint256 i; i < requests.length; ++i) {
            requests[i] = queue[_ringIndex(acc.queueHead, i)];
        }
    }

    /// @inheritdoc IStakeManager
    function isRegisteredValidator(address account) external view returns (bool) {
        return _storage().accounts[account].registeredValidator;
    }

    /// @inheritdoc IStakeManager
    function isValidator(address account) external view returns (bool) {
        StakeManagerStorage storage $ = _storage();
        return $.accounts[account].registeredValidator && _stakeOf($, account) >= $.validatorMinStake;
    }

    /// @inheritdoc IStakeManager
    function isContributor(address account) external view returns (bool) {
        StakeManagerStorage storage $ = _storage();
        return _stakeOf($, account) >= $.contributorMinStake;
    }

    /// @inheritdoc IStakeManager
    function validatorCount() external view returns (uint256) {
        return _storage().totals.validatorCount;
    }

    /// @inheritdoc IStakeManager
    function validatorAt(uint256 index) external view returns (address) {
        StakeManagerStorage storage $ = _storage();
        uint256 count = $.totals.validatorCount;
        if (index >= count) revert StakeManagerValidatorIndexOutOfBounds(index, count);
        return $.validators[index + 1];
    }

    /// @inheritdoc IStakeManager
    function isOffenceSlashed(bytes32 offenceId) external view returns (bool) {
        return _storage().slashedOffences[offenceId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Credits `amount` to `account`'s active stake (and registers it when `asValidator`), then pulls the
    /// tokens: effects before the one external call.
    function _stake(address account, uint256 amount, bool asValidator) private {
        if (amount == 0) revert StakeManagerZeroAmount(account);
        StakeManagerStorage storage $ = _storage();
        Account memory acc = $.accounts[account];
        Totals memory totals = $.totals;

        uint96 added = amount.toUint96();
        uint256 newStake = _stakeOf($, account) + added;
        _pushStake($, account, newStake);
        // Cannot overflow: the total is backed by tokens held here, at most the fixed supply (< 2^96); a larger
        // `amount` makes the transfer below revert.
        unchecked {
            totals.staked += added;
        }

        bool accountChanged = asValidator && !acc.registeredValidator;
        if (accountChanged) {
            acc.registeredValidator = true;
            emit ValidatorRegistered(account);
        }
        if (_syncValidatorSet($, account, acc, totals, newStake)) accountChanged = true;
        if (accountChanged) $.accounts[account] = acc;
        $.totals = totals;
        emit Staked(account, amount, newStake);

        IERC20(address(_token)).safeTransferFrom(account, address(this), amount);
    }

    /// @dev Opts `account` in or out of validating and updates its set membership.
    function _setRegistration(address account, bool registered) private {
        StakeManagerStorage storage $ = _storage();
        Account memory acc = $.accounts[account];
        if (acc.registeredValidator == registered) {
            revert StakeManagerValidatorRegistrationUnchanged(account, registered);
        }
        acc.registeredValidator = registered;
        if (registered) emit ValidatorRegistered(account);
        else emit ValidatorDeregistered(account);

        Totals memory totals = $.totals;
        if (_syncValidatorSet($, account, acc, totals, _stakeOf($, account))) $.totals = totals;
        $.accounts[account] = acc;
    }

    /// @dev Brings `account`'s membership of the validator set in line with its registration and `activeStake`,
    /// updating `acc` and `totals` in memory (the caller writes them). Removal swaps the last member into the gap.
    /// @return changed Whether membership changed.
    function _syncValidatorSet(
        StakeManagerStorage storage $,
        address account,
        Account memory acc,
        Totals memory totals,
        uint256 activeStake
    ) private returns (bool changed) {
        bool member = acc.validatorPosition != 0;
        bool qualifies = acc.registeredValidator && activeStake >= $.validatorMinStake;
        if (member == qualifies) return false;

        if (qualifies) {
            uint32 position = totals.validatorCount + 1;
            totals.validatorCount = position;
            $.validators[position] = account;
            acc.validatorPosition = position;
            emit ValidatorActivated(account, position);
        } else {
            uint32 position = acc.validatorPosition;
            uint32 last = totals.validatorCount;
            if (position != last) {
                address moved = $.validators[last];
                $.validators[position] = moved;
                $.accounts[moved].validatorPosition = position;
            }
            delete $.validators[last];
            // Cannot underflow: `account` is a member, so the count is at least 1.
            unchecked {
                totals.validatorCount = last - 1;
            }
            acc.validatorPosition = 0;
            emit ValidatorDeactivated(account, position);
        }
        return true;
    }

    /// @dev Takes `amount` out of the queue, newest request first; requests brought to zero leave the queue. The
    /// loop ends within the queue: `amount` is at most `acc.unbonding`, the sum of the queued amounts.
    function _slashUnbonding(UnbondingRequest[MAX_UNBONDING_REQUESTS] storage queue, Account memory acc, uint256 amount)
        private
    {
        uint256 remaining = amount;
        uint256 length = acc.queueLength;
        while (remaining != 0) {
            UnbondingRequest storage newest = queue[_ringIndex(acc.queueHead, length - 1)];
            uint256 owed = newest.amount;
            if (owed > remaining) {
                // Cannot underflow: checked just above; the result is below a uint96.
                unchecked {
                    newest.amount = (owed - remaining).toUint96();
                }
                remaining = 0;
            } else {
                // Cannot underflow: `owed <= remaining`, and `length >= 1` while anything remains.
                unchecked {
                    remaining -= owed;
                    --length;
                }
            }
        }
        acc.queueLength = length.toUint8();
        // Cannot underflow: `amount <= acc.unbonding` (the caller's `min`).
        unchecked {
            acc.unbonding -= amount.toUint96();
        }
    }

    /// @dev Checkpoints `account`'s active stake at the current timestamp (overwriting a checkpoint of the same
    /// timestamp, so only a block's final value is ever read back by `stakeAt`).
    function _pushStake(StakeManagerStorage storage $, address account, uint256 newStake) private {
        // slither-disable-next-line unused-return -- the previous and new values are known to the caller.
        $.stakes[account].push(clock(), newStake.toUint208());
    }

    function _setUnbondingPeriod(uint256 period) private {
        StakeManagerStorage storage $ = _storage();
        address slasher_ = $.slasher;
        uint256 minimum = slasher_ == address(0) ? 1 : Math.max(1, ISlasher(slasher_).slashingWindow());
        if (period < minimum || period > MAX_UNBONDING_PERIOD) {
            revert StakeManagerInvalidUnbondingPeriod(period, minimum, MAX_UNBONDING_PERIOD);
        }
        // The cast is safe: `period <= MAX_UNBONDING_PERIOD` (365 days < 2^32).
        // forge-lint: disable-next-line(unsafe-typecast)
        $.totals.unbondingPeriod = uint32(period);
        emit UnbondingPeriodSet(period);
    }

    function _setMinimumStakes(uint256 contributorMinStake_, uint256 validatorMinStake_) private {
        if (
            contributorMinStake_ == 0 || validatorMinStake_ == 0 || contributorMinStake_ > type(uint96).max
                || validatorMinStake_ > type(uint96).max
        ) revert StakeManagerInvalidMinimumStakes(contributorMinStake_, validatorMinStake_);
        StakeManagerStorage storage $ = _storage();
        // The casts are safe: both were checked against type(uint96).max just above.
        // forge-lint: disable-next-line(unsafe-typecast)
        $.contributorMinStake = uint96(contributorMinStake_);
        // forge-lint: disable-next-line(unsafe-typecast)
        $.validatorMinStake = uint96(validatorMinStake_);
        emit MinimumStakesSet(contributorMinStake_, validatorMinStake_);
    }

    function _stakeOf(StakeManagerStorage storage $, address account) private view returns (uint256) {
        return $.stakes[account].latest();
    }

    /// @dev Active stake not covered by the lock. A slash can leave the lock above the stake: then nothing is free.
    function _unlocked(uint256 active, uint256 locked) private pure returns (uint256) {
        return active > locked ? active - locked : 0;
    }

    /// @dev Ring position `offset` requests after `head`.
    function _ringIndex(uint256 head, uint256 offset) private pure returns (uint256) {
        return (head + offset) % MAX_UNBONDING_REQUESTS;
    }

    function _storage() private pure returns (StakeManagerStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STORAGE_LOCATION
        }
    }
}
