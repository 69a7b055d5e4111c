// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DaimmModule} from "./DaimmModule.sol";
import {IDaimmToken} from "./interfaces/IDaimmToken.sol";
import {ISlasher} from "./interfaces/ISlasher.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Slasher
/// @notice Slashing policy of DAIMM: automatic offences reported by scoring, bonded challenges ruled by an arbiter,
/// and an escrow that governance may reverse before anyone releases it to burn, treasury, challenger and reward pool.
/// @dev Holds the SLASHER role of the AccessManager, so `StakeManager.slash` sends slashed tokens here. Every
/// function that moves tokens follows checks-effects-interactions and is `nonReentrant`; the amount to slash is
/// computed before the StakeManager is called, and the call must take exactly that amount.
/// Time is the token's ERC-6372 clock, the block timestamp. Windows last hours to weeks, far beyond the seconds a
/// block producer can skew it, so the `block-timestamp` lint is disabled where deadlines are compared.
contract Slasher is DaimmModule, ReentrancyGuardTransient, ISlasher {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                  TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev The parameters every challenge and release reads, in one slot.
    struct Parameters {
        uint96 challengeBond;
        uint48 challengeWindow;
        uint48 escrowPeriod;
        ReleaseSplit split;
    }

    /*//////////////////////////////////////////////////////////////
                          CONSTANTS AND IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISlasher
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    /// @inheritdoc ISlasher
    uint256 public constant MAX_EVIDENCE_LENGTH = 128;

    uint256 private constant BPS = 10_000;

    /// @dev keccak256(abi.encode(uint256(keccak256("daimm.storage.Slasher")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xdc9a7d4933c3eb0ca856e58cc1a1289e54e430da152a4cc7b273083bbfc8c000;

    /// @dev The slashed token. An immutable of the implementation: an upgrade must be built for the same token.
    IDaimmToken private immutable _token;

    /// @dev The StakeManager slashed. An immutable of the implementation, like the token.
    IStakeManager private immutable _stakeManager;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @custom:storage-location erc7201:daimm.storage.Slasher
    struct SlasherStorage {
        Parameters parameters;
        uint16[5] slashShareBps;
        address treasury;
        address rewardPool;
        uint256 totalEscrowed;
        uint256 totalBonds;
        uint256 challengeCount;
        uint256 escrowCount;
        mapping(uint256 challengeId => Challenge) challenges;
        mapping(uint256 escrowId => Escrow) escrows;
        mapping(bytes32 offenceId => OffenceStatus) offences;
        mapping(bytes32 commitment => uint256 blockNumber) challengeCommitments;
    }

    /*//////////////////////////////////////////////////////////////
                               INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @param token_ The slashed token.
    /// @param stakeManager_ The StakeManager (its proxy).
    /// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
    constructor(IDaimmToken token_, IStakeManager stakeManager_) {
        _token = token_;
        _stakeManager = stakeManager_;
    }

    /// @notice Sets up the proxy. The windows must fit the StakeManager's unbonding period, which must be set first.
    /// @param authority The protocol's AccessManager.
    /// @param settings Treasury, reward pool, bond, windows, shares and release split.
    function initialize(address authority, Settings calldata settings) external initializer {
        __DaimmModule_init(authority);
        _setTreasury(settings.treasury);
        _setRewardPool(settings.rewardPool);
        _setChallengeBond(settings.challengeBond);
        _setWindows(settings.challengeWindow, settings.escrowPeriod);
        for (uint256 kind; kind < settings.slashShareBps.length; ++kind) {
            _setSlashShare(OffenceKind(kind), settings.slashShareBps[kind]);
        }
        _setReleaseSplit(settings.split);
    }

    /*//////////////////////////////////////////////////////////////
                                OFFENCES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISlasher
    function reportOffence(address account, OffenceKind kind, bytes32 context, uint256 base, address reporter)
        external
        restricted
        nonReentrant
        returns (bytes32 offenceId, uint256 escrowId, uint256 slashed)
    {
        if (kind != OffenceKind.NoReveal && kind != OffenceKind.Outlier) {
            revert SlasherOffenceNotAutomatic(kind);
        }
        SlasherStorage storage $ = _storage();
        offenceId = _offenceId(account, kind, context);
        OffenceStatus status = $.offences[offenceId];
        if (status != OffenceStatus.None) revert SlasherOffenceAlreadyRecorded(offenceId, status);
        $.offences[offenceId] = OffenceStatus.Slashed;

        (escrowId, slashed) = _escrowSlash($, account, kind, offenceId, reporter, base);
        emit OffenceReported(offenceId, account, escrowId, kind, context, slashed);
        _collectSlash(account, slashed, offenceId);
    }

    /// @inheritdoc ISlasher
    function commitChallenge(bytes32 commitment) external whenNotPaused {
        _storage().challengeCommitments[commitment] = block.number;
        emit ChallengeCommitted(commitment);
    }

    /// @inheritdoc ISlasher
    function openChallenge(address accused, OffenceKind kind, bytes calldata evidenceCid, bytes32 salt)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 challengeId)
    {
        SlasherStorage storage $ = _storage();
        (bytes32 offenceId, uint256 held) = _admitChallenge($, accused, kind, evidenceCid, salt);

        Parameters memory parameters = $.parameters;
        challengeId = ++$.challengeCount;
        Challenge memory opened = Challenge({
            challenger: msg.sender,
            bond: parameters.challengeBond,
            accused: accused,
            deadline: (block.timestamp + parameters.challengeWindow).toUint48(),
            kind: kind,
            status: ChallengeStatus.Pending,
            offenceId: offenceId,
            held: held.toUint96()
        });
        $.challenges[challengeId] = opened;
        $.totalBonds += opened.bond;
        _emitOpened(challengeId, opened, evidenceCid);

        if (held != 0) _stakeManager.hold(accused, held);
        IERC20(address(_token)).safeTransferFrom(msg.sender, address(this), opened.bond);
    }

    /// @inheritdoc ISlasher
    function upholdChallenge(uint256 challengeId)
        external
        restricted
        nonReentrant
        returns (uint256 escrowId, uint256 slashed)
    {
        SlasherStorage storage $ = _storage();
        Challenge memory pending = _pendingChallenge($, challengeId);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > pending.deadline) revert SlasherChallengeDeadlinePassed(challengeId, pending.deadline);
        $.challenges[challengeId].status = ChallengeStatus.Upheld;
        $.offences[pending.offenceId] = OffenceStatus.Slashed;
        $.totalBonds -= pending.bond;

        (escrowId, slashed) =
            _escrowSlash($, pending.accused, pending.kind, pending.offenceId, pending.challenger, type(uint256).max);
        emit ChallengeUpheld(challengeId, pending.offenceId, escrowId, slashed);
        _collectSlash(pending.accused, slashed, pending.offenceId);
        if (pending.held != 0) _stakeManager.releaseHold(pending.accused, pending.held);
        IERC20(address(_token)).safeTransfer(pending.challenger, pending.bond);
    }

    /// @inheritdoc ISlasher
    function rejectChallenge(uint256 challengeId) external restricted nonReentrant {
        SlasherStorage storage $ = _storage();
        Challenge memory pending = _pendingChallenge($, challengeId);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > pending.deadline) revert SlasherChallengeDeadlinePassed(challengeId, pending.deadline);
        $.challenges[challengeId].status = ChallengeStatus.Rejected;
        $.offences[pending.offenceId] = OffenceStatus.None;
        $.totalBonds -= pending.bond;

        emit ChallengeRejected(challengeId, pending.offenceId, pending.accused, pending.bond);
        if (pending.held != 0) _stakeManager.releaseHold(pending.accused, pending.held);
        IERC20(address(_token)).safeTransfer(pending.accused, pending.bond);
    }

    /// @inheritdoc ISlasher
    function expireChallenge(uint256 challengeId) external nonReentrant {
        SlasherStorage storage $ = _storage();
        Challenge memory pending = _pendingChallenge($, challengeId);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= pending.deadline) {
            revert SlasherChallengeDeadlineNotPassed(challengeId, pending.deadline);
        }
        $.challenges[challengeId].status = ChallengeStatus.Expired;
        $.offences[pending.offenceId] = OffenceStatus.None;
        $.totalBonds -= pending.bond;

        emit ChallengeExpired(challengeId, pending.offenceId, pending.challenger, pending.bond);
        if (pending.held != 0) _stakeManager.releaseHold(pending.accused, pending.held);
        IERC20(address(_token)).safeTransfer(pending.challenger, pending.bond);
    }

    /*//////////////////////////////////////////////////////////////
                                 ESCROW
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISlasher
    function reverseSlash(uint256 escrowId) external restricted nonReentrant {
        SlasherStorage storage $ = _storage();
        Escrow memory held = _heldEscrow($, escrowId);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp >= held.releaseAt) revert SlasherEscrowPeriodOver(escrowId, held.releaseAt);
        $.escrows[escrowId].status = EscrowStatus.Reversed;
        $.totalEscrowed -= held.amount;

        emit SlashReversed(escrowId, held.account, held.amount);
        IERC20(address(_token)).safeTransfer(held.account, held.amount);
    }

    /// @inheritdoc ISlasher
    function releaseSlash(uint256 escrowId) external whenNotPaused nonReentrant {
        SlasherStorage storage $ = _storage();
        Escrow memory held = _heldEscrow($, escrowId);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < held.releaseAt) revert SlasherEscrowPeriodNotOver(escrowId, held.releaseAt);
        $.escrows[escrowId].status = EscrowStatus.Released;
        $.totalEscrowed -= held.amount;

        // Each share rounds down; the treasury takes what is left, so the parts always add up to the amount and the
        // rounding (at most 3 wei) favours no outside party. Without a challenger, its share joins the reward pool.
        ReleaseSplit memory split = $.parameters.split;
        uint256 amount = held.amount;
        uint256 burned = amount * split.burnBps / BPS;
        uint256 toChallenger = amount * split.challengerBps / BPS;
        uint256 toRewardPool = amount * split.rewardPoolBps / BPS;
        if (held.challenger == address(0)) {
            toRewardPool += toChallenger;
            toChallenger = 0;
        }
        uint256 toTreasury = amount - burned - toChallenger - toRewardPool;
        emit SlashReleased(escrowId, burned, toTreasury, toChallenger, toRewardPool);

        IERC20 token_ = IERC20(address(_token));
        if (burned != 0) token_.safeTransfer(BURN_ADDRESS, burned);
        if (toTreasury != 0) token_.safeTransfer($.treasury, toTreasury);
        if (toChallenger != 0) token_.safeTransfer(held.challenger, toChallenger);
        if (toRewardPool != 0) token_.safeTransfer($.rewardPool, toRewardPool);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISlasher
    function setChallengeBond(uint256 bond) external restricted {
        _setChallengeBond(bond);
    }

    /// @inheritdoc ISlasher
    function setWindows(uint256 challengeWindow_, uint256 escrowPeriod_) external restricted {
        _setWindows(challengeWindow_, escrowPeriod_);
    }

    /// @inheritdoc ISlasher
    function setSlashShare(OffenceKind kind, uint256 bps) external restricted {
        _setSlashShare(kind, bps);
    }

    /// @inheritdoc ISlasher
    function setReleaseSplit(ReleaseSplit calldata split) external restricted {
        _setReleaseSplit(split);
    }

    /// @inheritdoc ISlasher
    function setTreasury(address treasury_) external restricted {
        _setTreasury(treasury_);
    }

    /// @inheritdoc ISlasher
    function setRewardPool(address rewardPool_) external restricted {
        _setRewardPool(rewardPool_);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISlasher
    function token() external view returns (IDaimmToken) {
        return _token;
    }

    /// @inheritdoc ISlasher
    function stakeManager() external view returns (IStakeManager) {
        return _stakeManager;
    }

    /// @inheritdoc ISlasher
    function challengeBond() external view returns (uint256) {
        return _storage().parameters.challengeBond;
    }

    /// @inheritdoc ISlasher
    function challengeWindow() external view returns (uint256) {
        return _storage().parameters.challengeWindow;
    }

    /// @inheritdoc ISlasher
    function escrowPeriod() external view returns (uint256) {
        return _storage().parameters.escrowPeriod;
    }

    /// @inheritdoc ISlasher
    function slashingWindow() external view returns (uint256) {
        Parameters memory parameters = _storage().parameters;
        return uint256(parameters.challengeWindow) + parameters.escrowPeriod;
    }

    /// @inheritdoc ISlasher
    function slashShare(OffenceKind kind) external view returns (uint256) {
        return _storage().slashShareBps[uint256(kind)];
    }

    /// @inheritdoc ISlasher
    function releaseSplit() external view returns (ReleaseSplit memory) {
        return _storage().parameters.split;
    }

    /// @inheritdoc ISlasher
    function treasury() external view returns (address) {
        return _storage().treasury;
    }

    /// @inheritdoc ISlasher
    function rewardPool() external view returns (address) {
        return _storage().rewardPool;
    }

    /// @inheritdoc ISlasher
    function challenge(uint256 challengeId) external view returns (Challenge memory) {
        return _storage().challenges[challengeId];
    }

    /// @inheritdoc ISlasher
    function escrow(uint256 escrowId) external view returns (Escrow memory) {
        return _storage().escrows[escrowId];
    }

    /// @inheritdoc ISlasher
    function challengeCount() external view returns (uint256) {
        return _storage().challengeCount;
    }

    /// @inheritdoc ISlasher
    function escrowCount() external view returns (uint256) {
        return _storage().escrowCount;
    }

    /// @inheritdoc ISlasher
    function offenceStatus(bytes32 offenceId) external view returns (OffenceStatus) {
        return _storage().offences[offenceId];
    }

    /// @inheritdoc ISlasher
    function totalEscrowed() external view returns (uint256) {
        return _storage().totalEscrowed;
    }

    /// @inheritdoc ISlasher
    function totalBonds() external view returns (uint256) {
        return _storage().totalBonds;
    }

    /// @inheritdoc ISlasher
    function offenceIdOf(address account, OffenceKind kind, bytes32 context) external pure returns (bytes32) {
        return _offenceId(account, kind, context);
    }

    /// @inheritdoc ISlasher
    function challengeCommitmentOf(
        address challenger,
        address accused,
        OffenceKind kind,
        bytes calldata evidenceCid,
        bytes32 salt
    ) external pure returns (bytes32) {
        return _challengeCommitment(challenger, accused, kind, evidenceCid, salt);
    }

    /// @inheritdoc ISlasher
    function challengeCommittedAt(bytes32 commitment) external view returns (uint256) {
        return _storage().challengeCommitments[commitment];
    }

    /// @inheritdoc ISlasher
    function challengeOffenceId(address accused, OffenceKind kind, bytes calldata evidenceCid)
        external
        pure
        returns (bytes32)
    {
        return _challengeOffenceId(accused, kind, evidenceCid);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Computes the slash and records its escrow (effects only; `_collectSlash` then takes the tokens). The
    /// amount is `base * share / 10_000` (`base` all slashable stake for a challenge, the seat weight for a report,
    /// which the round's lock covers), rounded down: against the reporter or challenger who asked, so an offender
    /// never loses more than the governed share. It is capped at the slashable stake, so the StakeManager takes
    /// exactly this amount. Nothing is escrowed when it rounds to zero.
    function _escrowSlash(
        SlasherStorage storage $,
        address account,
        OffenceKind kind,
        bytes32 offenceId,
        address challenger,
        uint256 base
    ) private returns (uint256 escrowId, uint256 amount) {
        uint256 slashable = _stakeManager.slashableStakeOf(account);
        uint256 share = $.slashShareBps[uint256(kind)];
        amount = base == type(uint256).max ? slashable * share / BPS : Math.min(base * share / BPS, slashable);
        if (amount == 0) return (0, 0);

        uint256 releaseAt = block.timestamp + $.parameters.escrowPeriod;
        escrowId = ++$.escrowCount;
        $.escrows[escrowId] = Escrow({
            account: account,
            amount: amount.toUint96(),
            challenger: challenger,
            releaseAt: releaseAt.toUint48(),
            status: EscrowStatus.Held,
            offenceId: offenceId
        });
        $.totalEscrowed += amount;
        emit SlashEscrowed(escrowId, offenceId, account, challenger, amount, releaseAt);
    }

    /// @dev Takes the computed amount from the StakeManager (which also records the offence there, even for zero).
    function _collectSlash(address account, uint256 amount, bytes32 offenceId) private {
        uint256 slashed = _stakeManager.slash(account, amount, offenceId);
        if (slashed != amount) revert SlasherUnexpectedSlash(amount, slashed);
    }

    function _emitOpened(uint256 challengeId, Challenge memory opened, bytes calldata evidenceCid) private {
        emit ChallengeOpened(
            challengeId,
            opened.offenceId,
            opened.accused,
            opened.challenger,
            opened.kind,
            opened.bond,
            opened.deadline,
            evidenceCid,
            opened.held
        );
    }

    /// @dev Checks a challenge, consumes its commitment and records its offence as challenged. Returns the offence and
    /// the stake to hold: what the ruling may slash stays in the StakeManager until then, whatever the accused
    /// withdraws meanwhile.
    function _admitChallenge(
        SlasherStorage storage $,
        address accused,
        OffenceKind kind,
        bytes calldata evidenceCid,
        bytes32 salt
    ) private returns (bytes32 offenceId, uint256 held) {
        if (kind == OffenceKind.NoReveal || kind == OffenceKind.Outlier) {
            revert SlasherOffenceNotChallengeable(kind);
        }
        if (accused == address(0) || accused == msg.sender) revert SlasherInvalidAccused(accused);
        if (evidenceCid.length == 0 || evidenceCid.length > MAX_EVIDENCE_LENGTH) {
            revert SlasherInvalidEvidence(evidenceCid.length, MAX_EVIDENCE_LENGTH);
        }
        uint256 slashable = _stakeManager.slashableStakeOf(accused);
        if (slashable == 0) revert SlasherNothingToSlash(accused);

        _consumeCommitment($, _challengeCommitment(msg.sender, accused, kind, evidenceCid, salt));
        offenceId = _challengeOffenceId(accused, kind, evidenceCid);
        OffenceStatus status = $.offences[offenceId];
        if (status != OffenceStatus.None) revert SlasherOffenceAlreadyRecorded(offenceId, status);
        $.offences[offenceId] = OffenceStatus.Challenged;
        held = slashable * $.slashShareBps[uint256(kind)] / BPS;
    }

    /// @dev The commitment binds the challenger: a copy of the reveal from the mempool has no commitment of its own,
    /// and by the time the copier's commitment is a block old the offence is already recorded.
    function _consumeCommitment(SlasherStorage storage $, bytes32 commitment) private {
        uint256 committedAt = $.challengeCommitments[commitment];
        if (committedAt == 0 || committedAt >= block.number) revert SlasherChallengeNotCommitted(commitment);
        delete $.challengeCommitments[commitment];
    }

    function _pendingChallenge(SlasherStorage storage $, uint256 challengeId)
        private
        view
        returns (Challenge memory pending)
    {
        pending = $.challenges[challengeId];
        if (pending.status != ChallengeStatus.Pending) revert SlasherChallengeNotPending(challengeId, pending.status);
    }

    function _heldEscrow(SlasherStorage storage $, uint256 escrowId) private view returns (Escrow memory held) {
        held = $.escrows[escrowId];
        if (held.status != EscrowStatus.Held) revert SlasherEscrowNotHeld(escrowId, held.status);
    }

    function _setChallengeBond(uint256 bond) private {
        if (bond == 0 || bond > type(uint96).max) revert SlasherInvalidChallengeBond(bond);
        // The cast is safe: checked against type(uint96).max just above.
        // forge-lint: disable-next-line(unsafe-typecast)
        _storage().parameters.challengeBond = uint96(bond);
        emit ChallengeBondSet(bond);
    }

    /// @dev Both windows bound how long a slash can take to become final, so together they must fit the unbonding
    /// period: otherwise stake could be withdrawn before a challenge against it is ruled and escrowed.
    function _setWindows(uint256 challengeWindow_, uint256 escrowPeriod_) private {
        uint256 unbondingPeriod = _stakeManager.unbondingPeriod();
        if (challengeWindow_ == 0 || escrowPeriod_ == 0 || challengeWindow_ + escrowPeriod_ > unbondingPeriod) {
            revert SlasherInvalidWindows(challengeWindow_, escrowPeriod_, unbondingPeriod);
        }
        Parameters storage parameters = _storage().parameters;
        // The casts are safe: each window is at most the unbonding period, which is at most 365 days.
        // forge-lint: disable-next-line(unsafe-typecast)
        parameters.challengeWindow = uint48(challengeWindow_);
        // forge-lint: disable-next-line(unsafe-typecast)
        parameters.escrowPeriod = uint48(escrowPeriod_);
        emit WindowsSet(challengeWindow_, escrowPeriod_);
    }

    /// @dev Withholding a reveal must never be cheaper than revealing an outlier (it also moves the median), so the
    /// `NoReveal` share stays at least the `Outlier` share.
    function _setSlashShare(OffenceKind kind, uint256 bps) private {
        if (bps > BPS) revert SlasherInvalidShare(kind, bps);
        uint16[5] storage shares = _storage().slashShareBps;
        if (kind == OffenceKind.NoReveal && bps < shares[uint256(OffenceKind.Outlier)]) {
            revert SlasherNoRevealBelowOutlier(bps, shares[uint256(OffenceKind.Outlier)]);
        }
        if (kind == OffenceKind.Outlier && bps > shares[uint256(OffenceKind.NoReveal)]) {
            revert SlasherNoRevealBelowOutlier(shares[uint256(OffenceKind.NoReveal)], bps);
        }
        // The cast is safe: `bps <= 10_000`.
        // forge-lint: disable-next-line(unsafe-typecast)
        _storage().slashShareBps[uint256(kind)] = uint16(bps);
        emit SlashShareSet(kind, bps);
    }

    function _setReleaseSplit(ReleaseSplit memory split) private {
        uint256 sum = uint256(split.burnBps) + split.treasuryBps + split.challengerBps + split.rewardPoolBps;
        if (sum != BPS) {
            revert SlasherInvalidReleaseSplit(
                split.burnBps, split.treasuryBps, split.challengerBps, split.rewardPoolBps
            );
        }
        _storage().parameters.split = split;
        emit ReleaseSplitSet(split.burnBps, split.treasuryBps, split.challengerBps, split.rewardPoolBps);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert SlasherInvalidRecipient(treasury_);
        _storage().treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    function _setRewardPool(address rewardPool_) private {
        if (rewardPool_ == address(0)) revert SlasherInvalidRecipient(rewardPool_);
        _storage().rewardPool = rewardPool_;
        emit RewardPoolSet(rewardPool_);
    }

    function _offenceId(address account, OffenceKind kind, bytes32 context) private pure returns (bytes32) {
        return keccak256(abi.encode(account, kind, context));
    }

    function _challengeCommitment(
        address challenger,
        address accused,
        OffenceKind kind,
        bytes calldata evidenceCid,
        bytes32 salt
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(challenger, accused, kind, keccak256(evidenceCid), salt));
    }

    function _challengeOffenceId(address accused, OffenceKind kind, bytes calldata evidenceCid)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(accused, kind, keccak256(evidenceCid)));
    }

    function _storage() private pure returns (SlasherStorage storage $) {
        assembly ("memory-safe") {
            $.slot := STORAGE_LOCATION
        }
    }
}
