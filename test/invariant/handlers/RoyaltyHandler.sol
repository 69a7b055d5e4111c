// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {RoyaltySplitter} from "../../../src/RoyaltySplitter.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {HookAttacker} from "../../mocks/HookAttacker.sol";
import {HookToken} from "../../mocks/HookToken.sol";
import {ReentrantReceiver} from "../../mocks/ReentrantReceiver.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Owners configure splits, anyone deposits ETH, a fee-on-transfer ERC-20 and an ERC-20 with ERC-777-style
/// hooks (directly or as ERC-2981 royalties through the models' inboxes), models change hands, governance moves the
/// upstream share, and recipients claim; one recipient is a contract that re-enters on every ETH payment, and another
/// (the hook attacker, H-3) re-enters a deposit, an inbox sweep or a claim from inside its own hook-token transfers,
/// as payer and as payee. Every action is bounded so it never reverts.
/// @dev Next to ghost totals, the handler keeps a reference ledger: the same accounting done the naive way, crediting
/// every recipient of a split on every deposit (O(recipients)), with the same rounding. The splitter's O(1)
/// accumulator must agree with it exactly, for every (model, token, account).
contract RoyaltyHandler is CommonBase, StdCheats, StdUtils {
    RoyaltySplitter public immutable splitter;
    ModelRegistry public immutable registry;
    address public immutable governance;
    ReentrantReceiver public immutable receiver;
    HookAttacker public immutable attacker;
    HookToken public immutable hookToken;

    address[] public actors;
    uint256[] public models;
    address[] public tokens;

    // Reference ledger.
    mapping(uint256 modelId => mapping(address token => mapping(address account => uint256))) public ref_earned;
    mapping(uint256 modelId => mapping(address token => uint256)) public ref_dust;

    // Ghosts.
    mapping(address token => uint256) public ghost_deposited;
    mapping(address token => uint256) public ghost_claimed;
    mapping(uint256 modelId => mapping(address token => mapping(address account => uint256))) public ghost_claimedBy;
    /// @dev Revenue a recipient gained at the moment it joined a split (must be 0: it earns nothing earlier).
    uint256 public ghost_lateJoinerGains;
    /// @dev Claims that paid something other than exactly what was claimable just before.
    uint256 public ghost_claimMismatches;
    uint256 public ghost_claims;
    uint256 public ghost_deposits;
    /// @dev Hooked deposits whose credit differs from what the splitter's balance gained (a payment counted twice).
    uint256 public ghost_hookDoubleCounts;
    uint256 public ghost_hookedDeposits;

    address private _actor;

    modifier useActor(uint256 seed) {
        _actor = actors[bound(seed, 0, actors.length - 1)];
        _;
    }

    constructor(
        RoyaltySplitter splitter_,
        ModelRegistry registry_,
        address governance_,
        address[] memory actors_,
        uint256[] memory models_
    ) {
        splitter = splitter_;
        registry = registry_;
        governance = governance_;
        receiver = new ReentrantReceiver(splitter_);
        attacker = new HookAttacker();
        actors = actors_;
        actors.push(address(receiver));
        actors.push(address(attacker));
        models = models_;
        // ETH, a fee-on-transfer ERC-20 (which behaves like a plain one below 100 wei, where its fee rounds to 0) and
        // a token with transfer hooks, in which the attacker registers its hook.
        tokens.push(address(0));
        tokens.push(address(new FeeOnTransferToken()));
        hookToken = new HookToken();
        tokens.push(address(hookToken));
        attacker.execute(address(hookToken), 0, abi.encodeCall(HookToken.setHook, (address(attacker))));
    }

    function allActors() external view returns (address[] memory) {
        return actors;
    }

    function allModels() external view returns (uint256[] memory) {
        return models;
    }

    function allTokens() external view returns (address[] memory) {
        return tokens;
    }

    /// @notice The reference ledger in one call: for each model, then token: the dust, then what each actor can
    /// claim. The invariant reads the splitter in the same order.
    function referenceLedger() external view returns (uint256[] memory ledger) {
        ledger = new uint256[](models.length * tokens.length * (1 + actors.length));
        uint256 i;
        for (uint256 m; m < models.length; ++m) {
            for (uint256 t; t < tokens.length; ++t) {
                ledger[i++] = ref_dust[models[m]][tokens[t]];
                for (uint256 a; a < actors.length; ++a) {
                    ledger[i++] =
                        ref_earned[models[m]][tokens[t]][actors[a]] - ghost_claimedBy[models[m]][tokens[t]][actors[a]];
                }
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 SPLITS
    //////////////////////////////////////////////////////////////*/

    /// @dev The model's owner sets one recipient's weight; a recipient that joins must gain nothing by joining.
    function setWeight(uint256 modelSeed, uint256 accountSeed, uint32 weight) external {
        uint256 modelId = _model(modelSeed);
        address owner = registry.ownerOf(modelId);
        address account = actors[bound(accountSeed, 0, actors.length - 1)];
        weight = uint32(bound(weight, 0, 150_000)); // 7 actors × 150,000 stays under 1,000,000

        uint256 previousTotal = splitter.totalWeight(modelId);
        bool joins = splitter.weightOf(modelId, account) == 0 && weight != 0;
        uint256[] memory before = _claimables(modelId, account);

        address[] memory accounts = new address[](1);
        accounts[0] = account;
        uint32[] memory weights = new uint32[](1);
        weights[0] = weight;
        vm.prank(owner);
        splitter.setWeights(modelId, accounts, weights);

        // An emptied split flushes its dust to the owner.
        if (previousTotal != 0 && splitter.totalWeight(modelId) == 0) {
            for (uint256 t; t < tokens.length; ++t) {
                ref_earned[modelId][tokens[t]][owner] += ref_dust[modelId][tokens[t]];
                ref_dust[modelId][tokens[t]] = 0;
            }
        }
        if (joins) {
            uint256[] memory afterJoin = _claimables(modelId, account);
            for (uint256 t; t < tokens.length; ++t) {
                if (afterJoin[t] > before[t]) ghost_lateJoinerGains += afterJoin[t] - before[t];
            }
        }
    }

    function acceptToken(uint256 modelSeed, uint256 tokenSeed) external {
        uint256 modelId = _model(modelSeed);
        address token = _token(tokenSeed);
        if (splitter.isAccepted(modelId, token)) return;
        vm.prank(registry.ownerOf(modelId));
        splitter.acceptToken(modelId, token);
    }

    /// @dev Models change hands: what their splits cannot take goes to the new owner from now on.
    function transferModel(uint256 modelSeed, uint256 toSeed) external useActor(toSeed) {
        uint256 modelId = _model(modelSeed);
        address owner = registry.ownerOf(modelId);
        vm.prank(owner);
        registry.transferFrom(owner, _actor, modelId);
    }

    function setUpstream(uint16 bps, uint8 depth) external {
        bps = uint16(bound(bps, 0, splitter.MAX_UPSTREAM_BPS()));
        depth = uint8(bound(depth, 0, splitter.MAX_UPSTREAM_DEPTH()));
        vm.prank(governance);
        splitter.setUpstream(bps, depth);
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    function depositETH(uint256 actorSeed, uint256 modelSeed, uint256 amount) external useActor(actorSeed) {
        uint256 modelId = _model(modelSeed);
        amount = bound(amount, 1, 1e24);
        vm.deal(_actor, amount);
        vm.prank(_actor);
        splitter.depositETH{value: amount}(modelId);
        _recordDeposit(modelId, address(0), amount);
    }

    function depositToken(uint256 actorSeed, uint256 modelSeed, uint256 tokenSeed, uint256 amount)
        external
        useActor(actorSeed)
    {
        uint256 modelId = _model(modelSeed);
        address token = tokens[bound(tokenSeed, 1, tokens.length - 1)];
        amount = bound(amount, 1, 1e27);
        FeeOnTransferToken(token).mint(_actor, amount);
        vm.startPrank(_actor);
        IERC20(token).approve(address(splitter), amount);
        uint256 credited = splitter.deposit(modelId, token, amount);
        vm.stopPrank();
        _recordDeposit(modelId, token, credited);
    }

    /// @dev H-3: the attacker deposits hook tokens and, from its `tokensToSend` hook (while its tokens move), tries
    /// a second deposit, a sweep of a funded inbox, or a claim (`mode`). The splitter must credit exactly what its
    /// balance gained, and refuse the re-entry.
    function hookedDeposit(uint256 modelSeed, uint256 otherSeed, uint256 amount, uint256 nested, uint8 mode) external {
        uint256 modelId = _model(modelSeed);
        uint256 other = _model(otherSeed);
        amount = bound(amount, 1, 1e24);
        nested = bound(nested, 1, 1e24);
        hookToken.mint(address(attacker), amount + nested);
        attacker.execute(address(hookToken), 0, abi.encodeCall(hookToken.approve, (address(splitter), amount + nested)));
        mode = uint8(bound(mode, 0, 2));
        if (mode == 0) {
            attacker.arm(address(splitter), abi.encodeCall(splitter.deposit, (other, address(hookToken), nested)));
        } else if (mode == 1) {
            hookToken.mint(splitter.royaltyInboxOf(other), nested);
            attacker.arm(address(splitter), abi.encodeCall(splitter.sweepInbox, (other, address(hookToken))));
        } else {
            attacker.arm(address(splitter), abi.encodeCall(splitter.claim, (models, address(hookToken))));
        }
        uint256 before = hookToken.balanceOf(address(splitter));
        bytes memory result = attacker.execute(
            address(splitter), 0, abi.encodeCall(splitter.deposit, (modelId, address(hookToken), amount))
        );
        uint256 credited = abi.decode(result, (uint256));
        if (hookToken.balanceOf(address(splitter)) - before != credited) ghost_hookDoubleCounts++;
        _recordDeposit(modelId, address(hookToken), credited);
        ghost_hookedDeposits++;
    }

    /// @dev An ERC-2981 royalty paid to the model's inbox, then swept into the splitter.
    function payRoyalty(uint256 modelSeed, uint256 tokenSeed, uint256 amount) external {
        uint256 modelId = _model(modelSeed);
        address token = _token(tokenSeed);
        address inbox = splitter.royaltyInboxOf(modelId);
        amount = bound(amount, 1, 1e24);
        if (token == address(0)) vm.deal(inbox, inbox.balance + amount);
        else FeeOnTransferToken(token).mint(inbox, amount);
        uint256 credited = splitter.sweepInbox(modelId, token);
        _recordDeposit(modelId, token, credited);
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIMS
    //////////////////////////////////////////////////////////////*/

    /// @dev Claims everything claimable in one token across all models; the reentrant receiver tries to claim again
    /// while being paid.
    function claim(uint256 actorSeed, uint256 tokenSeed) external useActor(actorSeed) {
        address token = _token(tokenSeed);
        uint256 expected;
        uint256[] memory owed = new uint256[](models.length);
        for (uint256 m; m < models.length; ++m) {
            owed[m] = splitter.claimable(models[m], token, _actor);
            expected += owed[m];
        }
        if (expected == 0) return;

        uint256 paid;
        if (_actor == address(receiver) && token == address(0)) {
            paid = receiver.claim(models, token);
        } else if (_actor == address(attacker) && token == address(hookToken)) {
            // Paid in hook tokens, the attacker's `tokensReceived` hook tries to claim again.
            attacker.arm(address(splitter), abi.encodeCall(splitter.claim, (models, token)));
            vm.prank(_actor);
            paid = splitter.claim(models, token);
        } else {
            vm.prank(_actor);
            paid = splitter.claim(models, token);
        }
        if (paid != expected) ghost_claimMismatches++;
        for (uint256 m; m < models.length; ++m) {
            if (splitter.claimable(models[m], token, _actor) != 0) ghost_claimMismatches++;
            ghost_claimedBy[models[m]][token][_actor] += owed[m];
        }
        ghost_claimed[token] += paid;
        ghost_claims++;
    }

    /*//////////////////////////////////////////////////////////////
                            REFERENCE LEDGER
    //////////////////////////////////////////////////////////////*/

    /// @dev Replays a deposit of `amount` (what the splitter received) the naive way.
    function _recordDeposit(uint256 modelId, address token, uint256 amount) private {
        ghost_deposited[token] += amount;
        ghost_deposits++;
        (uint16 bps, uint8 depth) = splitter.upstream();
        uint256 id = modelId;
        for (uint256 level;; ++level) {
            uint256 parent = registry.parentOf(id);
            uint256 share = parent != 0 && level < depth ? amount * bps / 10_000 : 0;
            _refCredit(id, token, amount - share);
            if (share == 0) break;
            (amount, id) = (share, parent);
        }
    }

    function _refCredit(uint256 modelId, address token, uint256 amount) private {
        if (amount == 0) return;
        uint256 total = splitter.totalWeight(modelId);
        if (total == 0 || !splitter.isAccepted(modelId, token)) {
            ref_earned[modelId][token][registry.ownerOf(modelId)] += amount;
            return;
        }
        uint256 pool = amount + ref_dust[modelId][token];
        uint256 perWeight = pool / total;
        ref_dust[modelId][token] = pool % total;
        for (uint256 a; a < actors.length; ++a) {
            ref_earned[modelId][token][actors[a]] += splitter.weightOf(modelId, actors[a]) * perWeight;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _model(uint256 seed) private view returns (uint256) {
        return models[bound(seed, 0, models.length - 1)];
    }

    function _token(uint256 seed) private view returns (address) {
        return tokens[bound(seed, 0, tokens.length - 1)];
    }

    function _claimables(uint256 modelId, address account) private view returns (uint256[] memory amounts) {
        amounts = new uint256[](tokens.length);
        for (uint256 t; t < tokens.length; ++t) {
            amounts[t] = splitter.claimable(modelId, tokens[t], account);
        }
    }
}
