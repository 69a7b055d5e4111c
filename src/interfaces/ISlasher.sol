// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDaimmToken} from "./IDaimmToken.sol";
import {IStakeManager} from "./IStakeManager.sol";

/// @title ISlasherTypes
/// @notice Enums and structs of the Slasher.
interface ISlasherTypes {
    /// @notice What an account is slashed for. `NoReveal` and `Outlier` are automatic (reported by the scoring
    /// module); the others are raised by challenges.
    enum OffenceKind {
        NoReveal,
        Outlier,
        Plagiarism,
        BadDataset,
        Collusion
    }

    /// @notice Where an offence id stands. A rejected or expired challenge puts it back to `None`.
    enum OffenceStatus {
        None,
        Challenged,
        Slashed
    }

    /// @notice Life of a challenge: `Pending` until the arbiter upholds or rejects it, or its deadline passes.
    enum ChallengeStatus {
        None,
        Pending,
        Upheld,
        Rejected,
        Expired
    }

    /// @notice Life of escrowed slashed funds: `Held` until released by anyone or reversed by governance.
    enum EscrowStatus {
        None,
        Held,
        Released,
        Reversed
    }

    /// @notice A challenge against an account.
    /// @param challenger Who opened it and posted the bond.
    /// @param bond Tokens posted, fixed at opening.
    /// @param accused The account accused.
    /// @param deadline Last timestamp at which the arbiter may uphold or reject it.
    /// @param kind The offence alleged.
    /// @param status Where it stands.
    /// @param offenceId `challengeOffenceId(accused, kind, evidenceCid)`.
    /// @param held The accused's stake held in the StakeManager until the ruling: the most the ruling can slash.
    struct Challenge {
        address challenger;
        uint96 bond;
        address accused;
        uint48 deadline;
        OffenceKind kind;
        ChallengeStatus status;
        bytes32 offenceId;
        uint96 held;
    }

    /// @notice Slashed tokens waiting out the escrow period.
    /// @param account The slashed account; a reversal pays it back.
    /// @param amount Tokens held.
    /// @param challenger Who earns the challenger share on release; zero for automatic offences.
    /// @param releaseAt Timestamp from which anyone may release it; governance may reverse it before.
    /// @param status Where it stands.
    /// @param offenceId The offence slashed.
    struct Escrow {
        address account;
        uint96 amount;
        address challenger;
        uint48 releaseAt;
        EscrowStatus status;
        bytes32 offenceId;
    }

    /// @notice How released escrow is divided, in basis points summing to 10,000.
    /// @param burnBps Sent to `BURN_ADDRESS` (the token has no burn function).
    /// @param treasuryBps Sent to the treasury, which also receives the rounding remainder.
    /// @param challengerBps Sent to the challenger; to the reward pool for automatic offences.
    /// @param rewardPoolBps Sent to the reward pool.
    struct ReleaseSplit {
        uint16 burnBps;
        uint16 treasuryBps;
        uint16 challengerBps;
        uint16 rewardPoolBps;
    }

    /// @notice Everything the Slasher is initialized with; each is governable afterwards.
    /// @param treasury Receives the treasury share (the governance timelock).
    /// @param rewardPool Receives the reward-pool share.
    /// @param challengeBond Tokens a challenger posts; not zero.
    /// @param challengeWindow Seconds the arbiter has to rule on a challenge.
    /// @param escrowPeriod Seconds slashed tokens are held, reversible by governance, before release.
    /// @param slashShareBps Share of the offender's slashable stake taken per `OffenceKind`, in basis points.
    /// @param split How released escrow is divided.
    struct Settings {
        address treasury;
        address rewardPool;
        uint256 challengeBond;
        uint256 challengeWindow;
        uint256 escrowPeriod;
        uint16[5] slashShareBps;
        ReleaseSplit split;
    }
}

/// @title ISlasherErrors
/// @notice Custom errors of the Slasher.
interface ISlasherErrors is ISlasherTypes {
    /// @notice The scoring module reported an offence that only a challenge can raise.
    /// @param kind The offence kind.
    error SlasherOffenceNotAutomatic(OffenceKind kind);

    /// @notice A challenge for an offence that only the scoring module reports.
    /// @param kind The offence kind.
    error SlasherOffenceNotChallengeable(OffenceKind kind);

    /// @notice The offence is already under challenge or already slashed.
    /// @param offenceId The offence.
    /// @param status Its status.
    error SlasherOffenceAlreadyRecorded(bytes32 offenceId, OffenceStatus status);

    /// @notice A challenge against the zero address or against the challenger itself.
    /// @param accused The rejected account.
    error SlasherInvalidAccused(address accused);

    /// @notice Evidence CID bytes that are empty or longer than `MAX_EVIDENCE_LENGTH`.
    /// @param length The length given.
    /// @param maxLength `MAX_EVIDENCE_LENGTH`.
    error SlasherInvalidEvidence(uint256 length, uint256 maxLength);

    /// @notice A challenge against an account that has no slashable stake.
    /// @param accused The account.
    error SlasherNothingToSlash(address accused);

    /// @notice The challenge does not exist or was already settled.
    /// @param challengeId The challenge.
    /// @param status Its status.
    error SlasherChallengeNotPending(uint256 challengeId, ChallengeStatus status);

    /// @notice The arbiter ruled after the challenge's deadline.
    /// @param challengeId The challenge.
    /// @param deadline Its deadline.
    error SlasherChallengeDeadlinePassed(uint256 challengeId, uint256 deadline);

    /// @notice An expiry before the challenge's deadline has passed.
    /// @param challengeId The challenge.
    /// @param deadline Its deadline.
    error SlasherChallengeDeadlineNotPassed(uint256 challengeId, uint256 deadline);

    /// @notice The escrow does not exist or was already released or reversed.
    /// @param escrowId The escrow.
    /// @param status Its status.
    error SlasherEscrowNotHeld(uint256 escrowId, EscrowStatus status);

    /// @notice A reversal at or after the end of the escrow period.
    /// @param escrowId The escrow.
    /// @param releaseAt When its escrow period ended.
    error SlasherEscrowPeriodOver(uint256 escrowId, uint256 releaseAt);

    /// @notice A release before the end of the escrow period.
    /// @param escrowId The escrow.
    /// @param releaseAt When its escrow period ends.
    error SlasherEscrowPeriodNotOver(uint256 escrowId, uint256 releaseAt);

    /// @notice Windows that are zero, or whose sum exceeds the StakeManager's unbonding period (stake could leave
    /// before a slash reaches it).
    /// @param challengeWindow The rejected challenge window, in seconds.
    /// @param escrowPeriod The rejected escrow period, in seconds.
    /// @param unbondingPeriod The StakeManager's unbonding period, in seconds.
    error SlasherInvalidWindows(uint256 challengeWindow, uint256 escrowPeriod, uint256 unbondingPeriod);

    /// @notice A slash share above 10,000 basis points.
    /// @param kind The offence kind.
    /// @param bps The rejected share.
    error SlasherInvalidShare(OffenceKind kind, uint256 bps);

    /// @notice Release shares that do not sum to 10,000 basis points.
    /// @param burnBps The burn share.
    /// @param treasuryBps The treasury share.
    /// @param challengerBps The challenger share.
    /// @param rewardPoolBps The reward-pool share.
    error SlasherInvalidReleaseSplit(
        uint256 burnBps, uint256 treasuryBps, uint256 challengerBps, uint256 rewardPoolBps
    );

    /// @notice A challenge bond of zero or one that does not fit the token's supply.
    /// @param bond The rejected bond.
    error SlasherInvalidChallengeBond(uint256 bond);

    /// @notice A treasury or reward pool at the zero address.
    /// @param recipient The rejected address.
    error SlasherInvalidRecipient(address recipient);

    /// @notice `openChallenge` without a matching commitment from an earlier block (`commitChallenge`).
    /// @param commitment The commitment the reveal hashes to.
    error SlasherChallengeNotCommitted(bytes32 commitment);

    /// @notice A slash share that would make withholding a reveal cheaper than revealing an outlier.
    /// @param noRevealBps The `NoReveal` share.
    /// @param outlierBps The `Outlier` share.
    error SlasherNoRevealBelowOutlier(uint256 noRevealBps, uint256 outlierBps);

    /// @notice The StakeManager slashed a different amount than the Slasher computed (it never should).
    /// @param expected The amount computed from the slashable stake.
    /// @param slashed The amount the StakeManager took.
    error SlasherUnexpectedSlash(uint256 expected, uint256 slashed);
}

/// @title ISlasherEvents
/// @notice Events of the Slasher: enough to rebuild every offence, challenge, escrow and parameter from logs.
interface ISlasherEvents is ISlasherTypes {
    /// @notice The scoring module reported an automatic offence and the offender was slashed.
    /// @param offenceId `offenceIdOf(account, kind, context)`.
    /// @param account The offender.
    /// @param escrowId The escrow holding the slashed tokens; 0 when nothing was slashed.
    /// @param kind `NoReveal` or `Outlier`.
    /// @param context What the offence is about, as the scoring module gave it (a round id).
    /// @param slashed Tokens slashed into escrow.
    event OffenceReported(
        bytes32 indexed offenceId,
        address indexed account,
        uint256 indexed escrowId,
        OffenceKind kind,
        bytes32 context,
        uint256 slashed
    );

    /// @notice A challenger committed to a challenge it will open from the next block on. The commitment hides the
    /// accused, the evidence and the challenger, so nobody can copy the challenge from the mempool.
    /// @param commitment `challengeCommitmentOf(challenger, accused, kind, evidenceCid, salt)`.
    event ChallengeCommitted(bytes32 indexed commitment);

    /// @notice A challenge was opened and its bond posted.
    /// @param challengeId The new challenge's id (sequential from 1).
    /// @param offenceId `challengeOffenceId(accused, kind, evidenceCid)`.
    /// @param accused The account accused.
    /// @param challenger Who opened it and paid the bond.
    /// @param kind The offence alleged.
    /// @param bond Tokens posted.
    /// @param deadline Last timestamp at which the arbiter may rule.
    /// @param evidenceCid The evidence's CID, in binary form.
    /// @param held The accused's stake held in the StakeManager until the ruling or expiry.
    event ChallengeOpened(
        uint256 indexed challengeId,
        bytes32 indexed offenceId,
        address indexed accused,
        address challenger,
        OffenceKind kind,
        uint256 bond,
        uint256 deadline,
        bytes evidenceCid,
        uint256 held
    );

    /// @notice The arbiter upheld a challenge: the accused was slashed and the bond returned to the challenger, who
    /// earns the challenger share when the escrow is released.
    /// @param challengeId The challenge.
    /// @param offenceId Its offence, now slashed.
    /// @param escrowId The escrow holding the slashed tokens; 0 when nothing was slashed.
    /// @param slashed Tokens slashed into escrow.
    event ChallengeUpheld(
        uint256 indexed challengeId, bytes32 indexed offenceId, uint256 indexed escrowId, uint256 slashed
    );

    /// @notice The arbiter rejected a challenge: its bond went to the accused.
    /// @param challengeId The challenge.
    /// @param offenceId Its offence, free to be challenged again.
    /// @param accused Who received the bond.
    /// @param bond Tokens paid to the accused.
    event ChallengeRejected(
        uint256 indexed challengeId, bytes32 indexed offenceId, address indexed accused, uint256 bond
    );

    /// @notice A challenge passed its deadline unruled: its bond went back to the challenger.
    /// @param challengeId The challenge.
    /// @param offenceId Its offence, free to be challenged again.
    /// @param challenger Who received the bond back.
    /// @param bond Tokens refunded.
    event ChallengeExpired(
        uint256 indexed challengeId, bytes32 indexed offenceId, address indexed challenger, uint256 bond
    );

    /// @notice Slashed tokens entered escrow.
    /// @param escrowId The escrow's id (sequential from 1).
    /// @param offenceId The offence slashed.
    /// @param account The slashed account.
    /// @param challenger Who earns the challenger share; zero for automatic offences.
    /// @param amount Tokens held.
    /// @param releaseAt Timestamp from which anyone may release them.
    event SlashEscrowed(
        uint256 indexed escrowId,
        bytes32 indexed offenceId,
        address indexed account,
        address challenger,
        uint256 amount,
        uint256 releaseAt
    );

    /// @notice Governance reversed a slash during its escrow period: the tokens went back to the account (liquid,
    /// not restaked).
    /// @param escrowId The escrow.
    /// @param account Who received the tokens.
    /// @param amount Tokens returned.
    event SlashReversed(uint256 indexed escrowId, address indexed account, uint256 amount);

    /// @notice Escrowed tokens were released and divided.
    /// @param escrowId The escrow.
    /// @param burned Tokens sent to `BURN_ADDRESS`.
    /// @param toTreasury Tokens sent to the treasury (its share plus the rounding remainder).
    /// @param toChallenger Tokens sent to the challenger (zero for automatic offences).
    /// @param toRewardPool Tokens sent to the reward pool.
    event SlashReleased(
        uint256 indexed escrowId, uint256 burned, uint256 toTreasury, uint256 toChallenger, uint256 toRewardPool
    );

    /// @notice Governance set the bond of new challenges.
    /// @param bond Tokens.
    event ChallengeBondSet(uint256 bond);

    /// @notice Governance set the windows; they apply to challenges and escrows created from now on.
    /// @param challengeWindow Seconds the arbiter has to rule.
    /// @param escrowPeriod Seconds slashed tokens are held.
    event WindowsSet(uint256 challengeWindow, uint256 escrowPeriod);

    /// @notice Governance set the share slashed for an offence kind.
    /// @param kind The offence kind.
    /// @param bps Share of the offender's slashable stake, in basis points.
    event SlashShareSet(OffenceKind indexed kind, uint256 bps);

    /// @notice Governance set how released escrow is divided; it applies to releases from now on.
    /// @param burnBps The burn share.
    /// @param treasuryBps The treasury share.
    /// @param challengerBps The challenger share.
    /// @param rewardPoolBps The reward-pool share.
    event ReleaseSplitSet(uint256 burnBps, uint256 treasuryBps, uint256 challengerBps, uint256 rewardPoolBps);

    /// @notice Governance set the treasury.
    /// @param treasury The new treasury.
    event TreasurySet(address indexed treasury);

    /// @notice Governance set the reward pool.
    /// @param rewardPool The new reward pool.
    event RewardPoolSet(address indexed rewardPool);
}

/// @title ISlasher
/// @notice Slashing policy of DAIMM: automatic offences reported by scoring, bonded challenges ruled by an arbiter,
/// and an escrow that governance may reverse before anyone releases it to burn, treasury, challenger and reward pool.
/// @dev Holds exactly the escrowed tokens plus the bonds of pending challenges: its token balance equals
/// `totalEscrowed() + totalBonds()`. Every offence id is slashed at most once.
interface ISlasher is ISlasherErrors, ISlasherEvents {
    /*//////////////////////////////////////////////////////////////
                                OFFENCES
    //////////////////////////////////////////////////////////////*/

    /// @notice Slashes `account` for an automatic offence: `slashShare(kind)` of `base` (its seat weight, which the
    /// round's lock covers, so unstaking the rest cannot shrink the slash), capped at its slashable stake (active,
    /// then unbonding), goes into escrow. `base = type(uint256).max` means all its slashable stake. Callable by the
    /// SCORING role. Not paused: slashing never stops.
    /// @param account The offender.
    /// @param kind `NoReveal` or `Outlier`.
    /// @param context What the offence is about (the round id); with `account` and `kind` it makes the offence id.
    /// @param base The stake the share applies to (the offender's seat weight).
    /// @param reporter Earns the challenger share on release (zero: it joins the reward pool).
    /// @return offenceId The offence.
    /// @return escrowId The escrow, or 0 when nothing was slashed.
    /// @return slashed Tokens slashed.
    function reportOffence(address account, OffenceKind kind, bytes32 context, uint256 base, address reporter)
        external
        returns (bytes32 offenceId, uint256 escrowId, uint256 slashed);

    /// @notice First step of a challenge: records `commitment` (see `challengeCommitmentOf`); `openChallenge` reveals
    /// it from the next block on. Anyone may call it; paused with the module.
    /// @param commitment `challengeCommitmentOf(msg.sender, accused, kind, evidenceCid, salt)`.
    function commitChallenge(bytes32 commitment) external;

    /// @notice Accuses `accused` of `kind`, revealing a commitment the caller made in an earlier block and posting
    /// `challengeBond()` from the caller (approve first). Holds `slashShare(kind)` of the accused's slashable stake in
    /// the StakeManager until the ruling. The arbiter must rule within `challengeWindow()`. Paused with the module.
    /// @param accused An account with slashable stake, not the caller.
    /// @param kind `Plagiarism`, `BadDataset` or `Collusion`.
    /// @param evidenceCid The CID of the evidence, in binary form (1 to `MAX_EVIDENCE_LENGTH` bytes).
    /// @param salt The commitment's salt.
    /// @return challengeId The new challenge.
    function openChallenge(address accused, OffenceKind kind, bytes calldata evidenceCid, bytes32 salt)
        external
        returns (uint256 challengeId);

    /// @notice Upholds a pending challenge before its deadline: slashes the accused by `slashShare(kind)` into
    /// escrow, with the challenger as beneficiary, and returns the bond. Callable by the ARBITER role. Not paused.
    /// @param challengeId The challenge.
    /// @return escrowId The escrow, or 0 when nothing was left to slash.
    /// @return slashed Tokens slashed.
    function upholdChallenge(uint256 challengeId) external returns (uint256 escrowId, uint256 slashed);

    /// @notice Rejects a pending challenge before its deadline and pays its bond to the accused. Callable by the
    /// ARBITER role. Not paused.
    /// @param challengeId The challenge.
    function rejectChallenge(uint256 challengeId) external;

    /// @notice Refunds the bond of a challenge whose deadline passed unruled. Anyone may call it; never paused.
    /// @param challengeId The challenge.
    function expireChallenge(uint256 challengeId) external;

    /*//////////////////////////////////////////////////////////////
                                 ESCROW
    //////////////////////////////////////////////////////////////*/

    /// @notice Reverses a slash during its escrow period, paying the tokens back to the slashed account. Callable by
    /// the ADMIN role (governance). The offence stays slashed.
    /// @param escrowId The escrow.
    function reverseSlash(uint256 escrowId) external;

    /// @notice Releases an escrow whose period is over, divided by the current `releaseSplit()`. Anyone may call it.
    /// Paused with the module, so governance can hold funds during an incident.
    /// @param escrowId The escrow.
    function releaseSlash(uint256 escrowId) external;

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the bond of new challenges. Callable by the ADMIN role.
    /// @param bond Tokens; not zero.
    function setChallengeBond(uint256 bond) external;

    /// @notice Sets the challenge window and the escrow period for challenges and escrows created from now on.
    /// Callable by the ADMIN role.
    /// @param challengeWindow Seconds; not zero.
    /// @param escrowPeriod Seconds; not zero. The sum must not exceed the StakeManager's unbonding period.
    function setWindows(uint256 challengeWindow, uint256 escrowPeriod) external;

    /// @notice Sets the share of slashable stake taken for `kind`. Callable by the ADMIN role.
    /// @param kind The offence kind.
    /// @param bps Basis points, at most 10,000.
    function setSlashShare(OffenceKind kind, uint256 bps) external;

    /// @notice Sets how released escrow is divided. Callable by the ADMIN role.
    /// @param split Shares in basis points summing to 10,000.
    function setReleaseSplit(ReleaseSplit calldata split) external;

    /// @notice Sets the treasury. Callable by the ADMIN role.
    /// @param treasury Not zero.
    function setTreasury(address treasury) external;

    /// @notice Sets the reward pool. Callable by the ADMIN role.
    /// @param rewardPool Not zero.
    function setRewardPool(address rewardPool) external;

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Where the burn share goes: the token cannot burn, so it is locked at this address forever.
    function BURN_ADDRESS() external view returns (address);

    /// @notice The longest evidence CID accepted, in bytes.
    function MAX_EVIDENCE_LENGTH() external view returns (uint256);

    /// @notice The token slashed, DAIMM.
    function token() external view returns (IDaimmToken);

    /// @notice The StakeManager this Slasher slashes.
    function stakeManager() external view returns (IStakeManager);

    /// @notice The challenge bond, in tokens.
    function challengeBond() external view returns (uint256);

    /// @notice Seconds the arbiter has to rule on a challenge.
    function challengeWindow() external view returns (uint256);

    /// @notice Seconds slashed tokens are held before release.
    function escrowPeriod() external view returns (uint256);

    /// @notice `challengeWindow() + escrowPeriod()`: the StakeManager's unbonding period is never shorter.
    function slashingWindow() external view returns (uint256);

    /// @notice Share of slashable stake taken for `kind`, in basis points.
    function slashShare(OffenceKind kind) external view returns (uint256);

    /// @notice How released escrow is divided.
    function releaseSplit() external view returns (ReleaseSplit memory);

    /// @notice The commitment `challenger` posts before `openChallenge`:
    /// `keccak256(abi.encode(challenger, accused, kind, keccak256(evidenceCid), salt))`.
    function challengeCommitmentOf(
        address challenger,
        address accused,
        OffenceKind kind,
        bytes calldata evidenceCid,
        bytes32 salt
    ) external pure returns (bytes32);

    /// @notice The block in which `commitment` was posted; 0 when none is pending.
    function challengeCommittedAt(bytes32 commitment) external view returns (uint256);

    /// @notice Receives the treasury share.
    function treasury() external view returns (address);

    /// @notice Receives the reward-pool share.
    function rewardPool() external view returns (address);

    /// @notice The challenge `challengeId` (all zero if it does not exist).
    function challenge(uint256 challengeId) external view returns (Challenge memory);

    /// @notice The escrow `escrowId` (all zero if it does not exist).
    function escrow(uint256 escrowId) external view returns (Escrow memory);

    /// @notice Number of challenges opened: ids run from 1 to this.
    function challengeCount() external view returns (uint256);

    /// @notice Number of escrows created: ids run from 1 to this.
    function escrowCount() external view returns (uint256);

    /// @notice Where `offenceId` stands.
    function offenceStatus(bytes32 offenceId) external view returns (OffenceStatus);

    /// @notice Tokens held in escrow.
    function totalEscrowed() external view returns (uint256);

    /// @notice Tokens held as bonds of pending challenges.
    function totalBonds() external view returns (uint256);

    /// @notice Id of an automatic offence: `keccak256(abi.encode(account, kind, context))`.
    function offenceIdOf(address account, OffenceKind kind, bytes32 context) external pure returns (bytes32);

    /// @notice Id of a challenged offence: `keccak256(abi.encode(accused, kind, keccak256(evidenceCid)))`, so the
    /// same evidence cannot be pursued twice at once nor slashed twice.
    function challengeOffenceId(address accused, OffenceKind kind, bytes calldata evidenceCid)
        external
        pure
        returns (bytes32);
}
