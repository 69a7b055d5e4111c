// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRoyaltySplitter
/// @notice Revenue sharing per model. The model's owner sets a split (recipients with integer weights); revenue in
/// ETH or any ERC-20 is deposited against the model and becomes claimable pro rata. Deposits cost the same whatever
/// the number of recipients: every (model, token) keeps an exact integer accumulator of revenue per weight unit,
/// and each recipient's claim is `owed + weight × (revenuePerWeight − paid)`. A governed share of every deposit is
/// forwarded to the parent model's split (from the ModelRegistry's lineage), up to a bounded ancestor depth.
/// @dev Accounting, per (model, token), in token base units ("wei"):
/// - A deposit of `amount` into a split of total weight `W` adds `(amount + dust) / W` to `revenuePerWeight` and
///   keeps the remainder `(amount + dust) % W` as the new `dust`, which the next deposit carries. Rounding is down,
///   so nobody is ever credited more than arrived, and the remainder is never lost: it is part of the next deposit.
///   Hence, exactly: Σ claimed + Σ claimable + dust == Σ deposited.
/// - Changing an account's weight first settles what it earned at its old weight into `owed` (for every accepted
///   token), then snapshots `paid = revenuePerWeight`, so weight changes move no past revenue, and a new recipient
///   earns nothing of revenue deposited before it joined.
/// - Revenue that no split can take (the model accepts no such token, or its split is empty) is credited in O(1) to
///   the model's current owner, who claims it like any recipient. Permissionless deposits therefore never grow the
///   per-model work, which is bounded by `MAX_ACCEPTED_TOKENS`.
/// - ERC-20 deposits are credited by the splitter's balance delta, so fee-on-transfer tokens are safe. Rebasing
///   tokens are unsupported: a negative rebase leaves the last claimers short, a positive one is never credited.
/// - Every function fits the per-transaction gas cap (EIP-7825: 16,777,216): `setWeights` is bounded to
///   `MAX_BATCH_UNITS` units of work per call, a claim to `MAX_CLAIM_MODELS` models, upstream forwarding to
///   `MAX_UPSTREAM_DEPTH` ancestors.
interface IRoyaltySplitter {
    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Only the model's current owner (in the ModelRegistry) may configure its split.
    /// @param modelId The model.
    /// @param caller Who called.
    error NotModelOwner(uint256 modelId, address caller);
    /// @notice `accounts` and `weights` must have the same length.
    error LengthMismatch(uint256 accounts, uint256 weights);
    /// @notice A recipient cannot be the zero address.
    error ZeroAccount();
    /// @notice The batch would cost `units` units of work, above `max`: split it into several calls.
    /// @dev For `setWeights`, units = accounts × (1 + accepted tokens); for `claim`, units = models.
    error BatchTooLarge(uint256 units, uint256 max);
    /// @notice The split's total weight would become `totalWeight`, above `max`.
    error TotalWeightTooHigh(uint256 totalWeight, uint256 max);
    /// @notice `token` is accepted by `modelId` already.
    error TokenAlreadyAccepted(uint256 modelId, address token);
    /// @notice `modelId` accepts `MAX_ACCEPTED_TOKENS` tokens already.
    error TooManyTokens(uint256 modelId, uint256 max);
    /// @notice A deposit of nothing.
    error ZeroDeposit();
    /// @notice `collectSale` got `sent` wei; it needs `expected` (the ETH price, or 0 for ERC-20).
    error WrongValue(uint256 expected, uint256 sent);
    /// @notice ETH goes through `depositETH`; `deposit` takes ERC-20 tokens only.
    error NotAnErc20(address token);
    /// @notice The caller is not the Marketplace allowed to credit pushed payments.
    error NotMarketplace(address caller);
    /// @notice `account` has nothing to claim in `token` on the given models.
    error NothingToClaim(address account, address token);
    /// @notice Sending `amount` wei to `to` failed.
    error EthTransferFailed(address to, uint256 amount);
    /// @notice The accumulator of (`modelId`, `token`) would overflow: the token's amounts are beyond any real supply.
    error AccumulatorOverflow(uint256 modelId, address token);
    /// @notice The upstream share `bps` or depth `depth` exceeds its bound.
    error InvalidUpstream(uint256 bps, uint256 depth);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The weight of `account` in the split of `modelId` was set, after settling what it had earned.
    /// @param modelId The model.
    /// @param account The recipient.
    /// @param weight Its new weight (0 removes it).
    /// @param totalWeight The split's total weight after this change.
    event WeightSet(uint256 indexed modelId, address indexed account, uint32 weight, uint32 totalWeight);

    /// @notice `modelId` accepts `token` from now on (`address(0)` is ETH). Accepted tokens are never removed.
    /// @param modelId The model.
    /// @param token The token.
    event TokenAccepted(uint256 indexed modelId, address indexed token);

    /// @notice The splitter cached the lineage of `modelId` from the registry; upstream shares go to `parent`.
    /// @param modelId The model.
    /// @param parent Its parent in the registry, or 0.
    event LineageSynced(uint256 indexed modelId, uint256 indexed parent);

    /// @notice Revenue arrived for `modelId` through `deposit` or `depositETH`; `RevenueCredited` / `OwnerCredited`
    /// events say where it went. (License sales credited by the Marketplace emit its `LicensePurchased` instead.)
    /// @param modelId The model paid.
    /// @param token The token (`address(0)` is ETH).
    /// @param depositor Who paid (a royalty inbox for ERC-2981 royalties).
    /// @param amount What the splitter received, by balance delta.
    event Deposited(uint256 indexed modelId, address indexed token, address indexed depositor, uint256 amount);

    /// @notice `amount` was credited to the split of `modelId`.
    /// @param modelId The model whose split was credited.
    /// @param token The token.
    /// @param sourceModelId The model the deposit was made to (a descendant when this is an upstream share).
    /// @param amount The amount credited, before rounding into `dust`.
    /// @param revenuePerWeight The accumulator after the credit, in token units per weight unit.
    /// @param dust The remainder carried into the next deposit.
    event RevenueCredited(
        uint256 indexed modelId,
        address indexed token,
        uint256 indexed sourceModelId,
        uint256 amount,
        uint256 revenuePerWeight,
        uint256 dust
    );

    /// @notice `amount` was credited to the owner of `modelId`, because its split is empty or does not accept
    /// `token`. The split's `dust` is unchanged. (A split emptied by `setWeights` flushes its dust with
    /// `DustFlushed` instead.)
    /// @param modelId The model.
    /// @param token The token.
    /// @param owner The model's owner at that time, who may claim it.
    /// @param amount The amount.
    event OwnerCredited(uint256 indexed modelId, address indexed token, address indexed owner, uint256 amount);

    /// @notice `setWeights` emptied the split of `modelId`: its `dust` in `token`, `amount`, was credited to the owner
    /// and the split's `dust` in `token` is now 0.
    /// @param modelId The model.
    /// @param token The token.
    /// @param owner The model's owner, who may claim it.
    /// @param amount The dust credited.
    event DustFlushed(uint256 indexed modelId, address indexed token, address indexed owner, uint256 amount);

    /// @notice `account` claimed `amount` of `token` earned on `modelId`.
    /// @param modelId The model.
    /// @param token The token.
    /// @param account The recipient, who received the transfer.
    /// @param amount The amount.
    event Claimed(uint256 indexed modelId, address indexed token, address indexed account, uint256 amount);

    /// @notice Governance set the upstream share.
    /// @param bps Basis points of each deposit forwarded to the parent's split.
    /// @param depth How many ancestors at most receive a share.
    event UpstreamSet(uint16 bps, uint8 depth);

    /// @notice Governance set the Marketplace allowed to credit pushed payments.
    /// @param marketplace The Marketplace.
    event MarketplaceSet(address indexed marketplace);

    /*//////////////////////////////////////////////////////////////
                             SPLIT (OWNER)
    //////////////////////////////////////////////////////////////*/

    /// @notice Upserts recipients of the split of `modelId`: weight 0 removes one. Owner of the model only.
    /// @dev Each account's earnings are settled at its old weight first (for every accepted token); new recipients
    /// start at the current accumulator. Bounded to `MAX_BATCH_UNITS` units (accounts × (1 + accepted tokens)): a
    /// large split is set in several calls. If the split ends empty, its dust is credited to the owner, with a
    /// `DustFlushed` event per token.
    /// @param modelId The model.
    /// @param accounts Recipients; a repeated account takes its last weight.
    /// @param weights Their weights; the split's total may not exceed `MAX_TOTAL_WEIGHT`.
    function setWeights(uint256 modelId, address[] calldata accounts, uint32[] calldata weights) external;

    /// @notice Lets the split of `modelId` take `token` (`address(0)` is ETH). Owner of the model only.
    /// @dev Tokens are never removed: removing one would strand or require settling every recipient's position in
    /// it, which is O(recipients). At most `MAX_ACCEPTED_TOKENS`, since weight changes settle every accepted token.
    function acceptToken(uint256 modelId, address token) external;

    /// @notice Refreshes the cached parent of `modelId` from the registry. Anyone may call it.
    /// @dev The cache is written whenever the owner configures the split. The registry changes a model's parent
    /// only when a committed registration supersedes a front-run one; calling this afterwards sends upstream
    /// shares to the new parent.
    function syncLineage(uint256 modelId) external;

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays `msg.value` wei to the split of `modelId` (and its ancestors' upstream share).
    function depositETH(uint256 modelId) external payable;

    /// @notice Pulls `amount` of `token` from the caller (approval needed) and credits what arrived.
    /// @return credited The balance delta, which is less than `amount` for fee-on-transfer tokens.
    function deposit(uint256 modelId, address token, uint256 amount) external returns (uint256 credited);

    /// @notice Collects a license sale of `price` and credits it: `feeBps` of what arrived to `treasury`'s
    /// protocol-fee account (`claimable(PROTOCOL_FEES, token, treasury)`), the rest to the split of `modelId` (with
    /// upstream shares). Marketplace only.
    /// @dev ETH: sent as `msg.value`, which must equal `price`. ERC-20: pulled here from `payer` (the buyer, who
    /// approved this contract) and measured as this contract's balance delta, under the reentrancy guard that
    /// `deposit`, `claim` and `sweepProtocolFees` share, so no token hook can have another payment counted in it.
    /// The fee's credit emits nothing here: the Marketplace's `LicensePurchased` names its token, amount and treasury.
    /// @return fee The part credited to `treasury`, rounded down.
    function collectSale(uint256 modelId, address token, address payer, uint256 price, uint256 feeBps, address treasury)
        external
        payable
        returns (uint256 fee);

    /// @notice Pays `treasury` the protocol fees it has accrued in `token`. Anyone may call it: the funds can only go
    /// to `treasury`. Emits `Claimed(PROTOCOL_FEES, token, treasury, amount)`.
    /// @return amount What was paid.
    function sweepProtocolFees(address token, address treasury) external returns (uint256 amount);

    /// @notice Sweeps the royalty inbox of `modelId` (deploying it first if needed) and credits its `token` balance
    /// like a deposit. Anyone may call it.
    /// @return credited What arrived from the inbox.
    function sweepInbox(uint256 modelId, address token) external returns (uint256 credited);

    /*//////////////////////////////////////////////////////////////
                                 CLAIMS
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays the caller everything it can claim in `token` on `modelIds`, in one transfer.
    /// @param modelIds At most `MAX_CLAIM_MODELS` models; repeats claim nothing more.
    /// @param token The token (`address(0)` is ETH).
    /// @return amount The total paid.
    function claim(uint256[] calldata modelIds, address token) external returns (uint256 amount);

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the upstream share: `bps` of every deposit goes to the parent's split, at most `depth` levels up.
    /// Admin role.
    function setUpstream(uint16 bps, uint8 depth) external;

    /// @notice Sets the Marketplace allowed to call `collectSale`. Admin role.
    function setMarketplace(address marketplace) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice What `account` can claim in `token` on `modelId`: `owed + weight × (revenuePerWeight − paid)`.
    function claimable(uint256 modelId, address token, address account) external view returns (uint256);

    /// @notice The rounding remainder of (`modelId`, `token`) carried into the next deposit.
    function dust(uint256 modelId, address token) external view returns (uint256);

    /// @notice The accumulator of (`modelId`, `token`), in token units per weight unit.
    function revenuePerWeight(uint256 modelId, address token) external view returns (uint256);

    /// @notice The weight of `account` in the split of `modelId`.
    function weightOf(uint256 modelId, address account) external view returns (uint32);

    /// @notice The total weight of the split of `modelId`.
    function totalWeight(uint256 modelId) external view returns (uint32);

    /// @notice The tokens `modelId` accepts, in order of acceptance.
    function acceptedTokens(uint256 modelId) external view returns (address[] memory);

    /// @notice Whether `modelId` accepts `token`.
    function isAccepted(uint256 modelId, address token) external view returns (bool);

    /// @notice The cached lineage of `modelId`: its parent, and whether the cache was ever written.
    function cachedParentOf(uint256 modelId) external view returns (uint256 parent, bool synced);

    /// @notice The upstream share in basis points, and the maximum number of ancestors that receive it.
    function upstream() external view returns (uint16 bps, uint8 depth);

    /// @notice The Marketplace allowed to credit pushed payments.
    function marketplace() external view returns (address);

    /// @notice The ERC-2981 royalty receiver of `modelId`: a per-model inbox at a deterministic address, which may
    /// receive ETH or tokens before it is deployed; `sweepInbox` credits its balance to the model.
    function royaltyInboxOf(uint256 modelId) external view returns (address);

    /// @notice The pseudo-model id (0, never a registered fingerprint) under which protocol fees accrue to the
    /// treasury.
    function PROTOCOL_FEES() external view returns (uint256);

    /// @notice The ModelRegistry whose owners and lineage the splitter follows.
    function REGISTRY() external view returns (address);

    /// @notice The factory that deploys royalty inboxes at their deterministic addresses.
    function inboxFactory() external view returns (address);

    /// @notice Upper bound of a split's total weight: 1,000,000.
    function MAX_TOTAL_WEIGHT() external view returns (uint32);

    /// @notice Upper bound of the tokens one model accepts: 8.
    function MAX_ACCEPTED_TOKENS() external view returns (uint8);

    /// @notice Upper bound of a `setWeights` call's units, accounts × (1 + accepted tokens): 256.
    function MAX_BATCH_UNITS() external view returns (uint256);

    /// @notice Upper bound of the models in one claim: 256.
    function MAX_CLAIM_MODELS() external view returns (uint256);

    /// @notice Upper bound of the upstream share: 5,000 bps (50%).
    function MAX_UPSTREAM_BPS() external view returns (uint16);

    /// @notice Upper bound of the upstream depth: 8 ancestors.
    function MAX_UPSTREAM_DEPTH() external view returns (uint8);
}
