// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RoyaltyInbox} from "../../src/RoyaltyInbox.sol";
import {RoyaltySplitter} from "../../src/RoyaltySplitter.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {IRoyaltyInboxFactory} from "../../src/interfaces/IRoyaltyInbox.sol";
import {IRoyaltySplitter} from "../../src/interfaces/IRoyaltySplitter.sol";
import {Base} from "../Base.t.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {ReentrantReceiver} from "../mocks/ReentrantReceiver.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Vm} from "forge-std/Vm.sol";

contract RoyaltySplitterTest is Base {
    /// @dev Ethereum's per-transaction gas cap since Osaka (EIP-7825).
    uint256 internal constant TX_GAS_CAP = 16_777_216;

    uint256 internal root;
    MockERC20 internal usd;
    FeeOnTransferToken internal fot;

    function setUp() public override {
        super.setUp();
        root = _register(alice, "root model");
        usd = new MockERC20("USD", "USD");
        fot = new FeeOnTransferToken();
        vm.deal(mallory, 1000 ether);
        vm.deal(carol, 1000 ether);
    }

    /*//////////////////////////////////////////////////////////////
                               SET WEIGHTS
    //////////////////////////////////////////////////////////////*/

    function test_setWeights_setsSplitAndEmits() public {
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.WeightSet(root, bob, 1, 1);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.WeightSet(root, carol, 3, 4);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.LineageSynced(root, 0);
        vm.prank(alice);
        splitter.setWeights(root, _pair(bob, carol), _weights(1, 3));
        vm.snapshotGasLastCall("RoyaltySplitter", "setWeights_2");

        assertEq(splitter.weightOf(root, bob), 1);
        assertEq(splitter.weightOf(root, carol), 3);
        assertEq(splitter.totalWeight(root), 4);
        (uint256 parent, bool synced) = splitter.cachedParentOf(root);
        assertEq(parent, 0);
        assertTrue(synced);
    }

    function test_setWeights_zeroRemovesAndRepeatTakesLast() public {
        address[] memory accounts = new address[](3);
        (accounts[0], accounts[1], accounts[2]) = (bob, carol, bob);
        uint32[] memory weights = new uint32[](3);
        (weights[0], weights[1], weights[2]) = (5, 2, 7);
        vm.prank(alice);
        splitter.setWeights(root, accounts, weights);
        assertEq(splitter.weightOf(root, bob), 7);
        assertEq(splitter.totalWeight(root), 9);

        vm.prank(alice);
        splitter.setWeights(root, _one(bob), _weight(0));
        assertEq(splitter.weightOf(root, bob), 0);
        assertEq(splitter.totalWeight(root), 2);
    }

    function test_RevertWhen_setWeightsCallerIsNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.NotModelOwner.selector, root, mallory));
        vm.prank(mallory);
        splitter.setWeights(root, _one(mallory), _weight(1));
    }

    function test_RevertWhen_setWeightsLengthsDiffer() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.LengthMismatch.selector, 2, 1));
        vm.prank(alice);
        splitter.setWeights(root, _pair(bob, carol), _weight(1));
    }

    function test_RevertWhen_setWeightsZeroAccount() public {
        vm.expectRevert(IRoyaltySplitter.ZeroAccount.selector);
        vm.prank(alice);
        splitter.setWeights(root, _one(address(0)), _weight(1));
    }

    function test_RevertWhen_setWeightsTotalAboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.TotalWeightTooHigh.selector, 1_000_001, 1_000_000));
        vm.prank(alice);
        splitter.setWeights(root, _pair(bob, carol), _weights(1_000_000, 1));
    }

    function test_RevertWhen_setWeightsBatchTooLarge() public {
        vm.prank(alice);
        splitter.acceptToken(root, ETH);
        // 129 accounts × (1 + 1 token) = 258 units > 256.
        (address[] memory accounts, uint32[] memory weights) = _recipients(0, 129);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.BatchTooLarge.selector, 258, 256));
        vm.prank(alice);
        splitter.setWeights(root, accounts, weights);
    }

    /// @dev A 1,000-recipient split is set in batches of 128 (ETH and DAIMM accepted would make it 85): each batch,
    /// counted as a whole transaction (intrinsic and calldata gas included), stays far under the 16,777,216 cap.
    function test_setWeights_thousandRecipientsInBatchesUnderTxCap() public {
        vm.prank(alice);
        splitter.acceptToken(root, ETH);
        _depositETH(mallory, root, 1 ether); // no recipients yet: the owner gets it
        uint256 largest;
        for (uint256 from; from < 1000; from += 128) {
            uint256 count = from + 128 > 1000 ? 1000 - from : 128;
            (address[] memory accounts, uint32[] memory weights) = _recipients(from, count);
            uint256 gasUsed = _setWeightsTxGas(root, alice, accounts, weights);
            assertLt(gasUsed, TX_GAS_CAP, "batch over the per-transaction cap");
            if (gasUsed > largest) largest = gasUsed;
        }
        emit log_named_uint("largest 128-recipient batch (tx gas)", largest);
        assertEq(splitter.totalWeight(root), 1000 * 1000);

        // Deposits stay O(1): every one of the 1,000 recipients earns exactly its share.
        _depositETH(mallory, root, 10 ether);
        assertEq(splitter.claimable(root, ETH, _recipient(0)), 10 ether / 1000);
        assertEq(splitter.claimable(root, ETH, _recipient(999)), 10 ether / 1000);
        assertEq(splitter.dust(root, ETH), 0);
    }

    /// @dev The worst batch: eight accepted tokens with revenue in each, and every account a recipient since before
    /// any revenue, so each token unit writes two fresh slots (`owed` and `paid`): about 44,000 gas a unit.
    function test_setWeights_worstCaseBatchUnderTxCap() public {
        address[] memory tokens = new address[](8);
        tokens[0] = ETH;
        for (uint256 t = 1; t < 8; ++t) {
            tokens[t] = address(new MockERC20("T", "T"));
        }
        for (uint256 t; t < 8; ++t) {
            vm.prank(alice);
            splitter.acceptToken(root, tokens[t]);
        }
        (address[] memory accounts, uint32[] memory weights) = _recipients(0, 28); // 28 × 9 = 252 units
        vm.prank(alice);
        splitter.setWeights(root, accounts, weights);
        for (uint256 t; t < 8; ++t) {
            if (tokens[t] == ETH) {
                _depositETH(mallory, root, 1 ether);
            } else {
                MockERC20(tokens[t]).mint(mallory, 1 ether);
                vm.startPrank(mallory);
                MockERC20(tokens[t]).approve(address(splitter), 1 ether);
                splitter.deposit(root, tokens[t], 1 ether);
                vm.stopPrank();
            }
        }
        for (uint256 i; i < weights.length; ++i) {
            weights[i] += 1;
        }
        uint256 gasUsed = _setWeightsTxGas(root, alice, accounts, weights);
        emit log_named_uint("worst 252-unit batch (tx gas)", gasUsed);
        assertLt(gasUsed, TX_GAS_CAP, "batch over the per-transaction cap");
        assertLt(gasUsed / 252, 46_000, "MAX_BATCH_UNITS assumes at most ~46k per unit");
        assertGt(splitter.claimable(root, tokens[3], accounts[5]), 0);
    }

    /*//////////////////////////////////////////////////////////////
                              ACCEPT TOKEN
    //////////////////////////////////////////////////////////////*/

    function test_acceptToken_recordsTokensInOrder() public {
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.TokenAccepted(root, ETH);
        vm.prank(alice);
        splitter.acceptToken(root, ETH);
        vm.prank(alice);
        splitter.acceptToken(root, address(token));
        vm.snapshotGasLastCall("RoyaltySplitter", "acceptToken");
        address[] memory tokens = splitter.acceptedTokens(root);
        assertEq(tokens.length, 2);
        assertEq(tokens[0], ETH);
        assertEq(tokens[1], address(token));
        assertTrue(splitter.isAccepted(root, address(token)));
        assertFalse(splitter.isAccepted(root, address(usd)));
    }

    function test_RevertWhen_acceptTokenTwiceOrByStranger() public {
        vm.prank(alice);
        splitter.acceptToken(root, ETH);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.TokenAlreadyAccepted.selector, root, ETH));
        vm.prank(alice);
        splitter.acceptToken(root, ETH);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.NotModelOwner.selector, root, mallory));
        vm.prank(mallory);
        splitter.acceptToken(root, address(usd));
    }

    function test_RevertWhen_acceptTokenBeyondMax() public {
        for (uint160 t = 1; t <= 8; ++t) {
            vm.prank(alice);
            splitter.acceptToken(root, address(t));
        }
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.TooManyTokens.selector, root, 8));
        vm.prank(alice);
        splitter.acceptToken(root, address(9));
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    function test_depositETH_splitsProRata() public {
        _setSplit(root, alice, ETH, _pair(bob, carol), _weights(1, 3));
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.Deposited(root, ETH, mallory, 4 ether);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.RevenueCredited(root, ETH, root, 4 ether, 1 ether, 0);
        _depositETH(mallory, root, 4 ether);
        vm.snapshotGasLastCall("RoyaltySplitter", "depositETH");
        assertEq(splitter.claimable(root, ETH, bob), 1 ether);
        assertEq(splitter.claimable(root, ETH, carol), 3 ether);
        assertEq(address(splitter).balance, 4 ether);
    }

    function test_depositETH_carriesDustIntoNextDeposit() public {
        _setSplit(root, alice, ETH, _pair(bob, carol), _weights(1, 2));
        _depositETH(mallory, root, 10); // 10 / 3 = 3 per weight, dust 1
        assertEq(splitter.revenuePerWeight(root, ETH), 3);
        assertEq(splitter.dust(root, ETH), 1);
        _depositETH(mallory, root, 2); // (2 + 1) / 3 = 1, dust 0
        assertEq(splitter.revenuePerWeight(root, ETH), 4);
        assertEq(splitter.dust(root, ETH), 0);
        assertEq(splitter.claimable(root, ETH, bob) + splitter.claimable(root, ETH, carol), 12);
    }

    function test_deposit_creditsOwnerWhenSplitIsEmpty() public {
        vm.prank(alice);
        splitter.acceptToken(root, ETH);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.OwnerCredited(root, ETH, alice, 1 ether);
        _depositETH(mallory, root, 1 ether);
        assertEq(splitter.claimable(root, ETH, alice), 1 ether);
    }

    function test_deposit_creditsOwnerWhenTokenIsNotAccepted() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        usd.mint(mallory, 5 ether);
        vm.startPrank(mallory);
        usd.approve(address(splitter), 5 ether);
        splitter.deposit(root, address(usd), 5 ether);
        vm.stopPrank();
        assertEq(splitter.claimable(root, address(usd), alice), 5 ether);
        assertEq(splitter.claimable(root, address(usd), bob), 0);
        // A model that changed hands credits its new owner.
        vm.prank(alice);
        registry.transferFrom(alice, carol, root);
        usd.mint(mallory, 1 ether);
        vm.startPrank(mallory);
        usd.approve(address(splitter), 1 ether);
        splitter.deposit(root, address(usd), 1 ether);
        vm.stopPrank();
        assertEq(splitter.claimable(root, address(usd), carol), 1 ether);
        assertEq(splitter.claimable(root, address(usd), alice), 5 ether);
    }

    function test_deposit_erc20CreditsBalanceDelta() public {
        _setSplit(root, alice, address(token), _one(bob), _weight(1));
        _fund(mallory, 100 ether);
        vm.startPrank(mallory);
        token.approve(address(splitter), 100 ether);
        uint256 credited = splitter.deposit(root, address(token), 100 ether);
        vm.snapshotGasLastCall("RoyaltySplitter", "deposit");
        vm.stopPrank();
        assertEq(credited, 100 ether);
        assertEq(splitter.claimable(root, address(token), bob), 100 ether);
    }

    function test_deposit_feeOnTransferCreditsWhatArrived() public {
        _setSplit(root, alice, address(fot), _pair(bob, carol), _weights(1, 1));
        fot.mint(mallory, 100 ether);
        vm.startPrank(mallory);
        fot.approve(address(splitter), 100 ether);
        uint256 credited = splitter.deposit(root, address(fot), 100 ether);
        vm.stopPrank();
        assertEq(credited, 99 ether, "1% burned in transit");
        assertEq(fot.balanceOf(address(splitter)), 99 ether);
        assertEq(splitter.claimable(root, address(fot), bob), 49.5 ether);
        // Claiming pays 49.5 out; bob receives 1% less, the splitter keeps nothing owed.
        _claim(bob, _ids(root), address(fot));
        _claim(carol, _ids(root), address(fot));
        assertEq(fot.balanceOf(address(splitter)), 0);
    }

    function test_RevertWhen_depositIsZeroOrEthThroughDeposit() public {
        vm.expectRevert(IRoyaltySplitter.ZeroDeposit.selector);
        vm.prank(mallory);
        splitter.depositETH(root);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.NotAnErc20.selector, ETH));
        vm.prank(mallory);
        splitter.deposit(root, ETH, 1);
        vm.expectRevert(IRoyaltySplitter.ZeroDeposit.selector);
        vm.prank(mallory);
        splitter.deposit(root, address(usd), 0);
    }

    function test_RevertWhen_depositToUnknownModel() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.UnknownModel.selector, 42));
        vm.prank(mallory);
        splitter.depositETH{value: 1}(42);
    }

    function test_RevertWhen_plainEthIsSent() public {
        vm.prank(mallory);
        (bool ok,) = address(splitter).call{value: 1 ether}("");
        assertFalse(ok, "ETH only arrives through depositETH");
    }

    /*//////////////////////////////////////////////////////////////
                                UPSTREAM
    //////////////////////////////////////////////////////////////*/

    /// @dev root ← g1 ← g2 ← g3 ← g4, 10% upstream, depth 3: a deposit into g4 pays g4 90%, g3 9%, g2 0.9%, and
    /// g1 the rest (0.1%, the last level keeps everything it receives); root gets nothing (beyond depth).
    function test_depositETH_forwardsUpstreamSharesWithinDepth() public {
        uint256[5] memory chain;
        chain[0] = root;
        for (uint256 i = 1; i < 5; ++i) {
            chain[i] = _registerDerived(alice, abi.encodePacked("generation ", i), chain[i - 1]);
        }
        for (uint256 i; i < 5; ++i) {
            _setSplit(chain[i], alice, ETH, _one(bob), _weight(1));
        }
        _depositETH(mallory, chain[4], 1000 ether);
        assertEq(splitter.claimable(chain[4], ETH, bob), 900 ether);
        assertEq(splitter.claimable(chain[3], ETH, bob), 90 ether);
        assertEq(splitter.claimable(chain[2], ETH, bob), 9 ether);
        assertEq(splitter.claimable(chain[1], ETH, bob), 1 ether);
        assertEq(splitter.claimable(chain[0], ETH, bob), 0);
        assertEq(_claim(bob, _ids(chain[4], chain[3]), ETH), 990 ether);
    }

    function test_depositETH_upstreamToUnconfiguredParentCreditsItsOwner() public {
        uint256 child = _registerDerived(bob, "child", root);
        _setSplit(child, bob, ETH, _one(carol), _weight(1));
        _depositETH(mallory, child, 100 ether);
        assertEq(splitter.claimable(child, ETH, carol), 90 ether);
        assertEq(splitter.claimable(root, ETH, alice), 10 ether, "root's owner takes its share");
    }

    function test_depositETH_unconfiguredChildStillPaysUpstream() public {
        _setSplit(root, alice, ETH, _one(carol), _weight(1));
        uint256 child = _registerDerived(bob, "child", root);
        _depositETH(mallory, child, 100 ether);
        assertEq(splitter.claimable(child, ETH, bob), 90 ether);
        assertEq(splitter.claimable(root, ETH, carol), 10 ether);
    }

    function test_syncLineage_followsSupersededParent() public {
        uint256 other = _register(carol, "other base");
        // Alice commits to registering "fine-tune" under root; mallory front-runs it under `other`.
        IModelRegistry.Registration memory honest = _registration("fine-tune", root, IModelRegistry.Relation.FineTune);
        IModelRegistry.Registration memory copy = _registration("fine-tune", other, IModelRegistry.Relation.FineTune);
        bytes32 commitment = registry.commitmentOf(alice, honest.fingerprint, "salt");
        vm.prank(alice);
        registry.commit(commitment);
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 12); // the superseding parent must be older than the id it takes over
        vm.prank(mallory);
        uint256 id = registry.register(copy);
        _setSplit(id, mallory, ETH, _one(mallory), _weight(1));
        (uint256 cached,) = splitter.cachedParentOf(id);
        assertEq(cached, other);

        vm.prank(alice);
        registry.registerCommitted(honest, "salt");
        assertEq(registry.parentOf(id), root);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.LineageSynced(id, root);
        splitter.syncLineage(id);
        (cached,) = splitter.cachedParentOf(id);
        assertEq(cached, root);
    }

    function test_setUpstream_isGovernedAndBounded() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        splitter.setUpstream(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.InvalidUpstream.selector, 5001, 1));
        vm.prank(address(timelock));
        splitter.setUpstream(5001, 1);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.InvalidUpstream.selector, 100, 9));
        vm.prank(address(timelock));
        splitter.setUpstream(100, 9);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.UpstreamSet(2000, 1);
        vm.prank(address(timelock));
        splitter.setUpstream(2000, 1);
        (uint16 bps, uint8 depth) = splitter.upstream();
        assertEq(bps, 2000);
        assertEq(depth, 1);
    }

    /*//////////////////////////////////////////////////////////////
                             WEIGHT CHANGES
    //////////////////////////////////////////////////////////////*/

    function test_setWeights_lateRecipientEarnsNothingOfEarlierRevenue() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        _depositETH(mallory, root, 10 ether);
        vm.prank(alice);
        splitter.setWeights(root, _one(carol), _weight(1));
        assertEq(splitter.claimable(root, ETH, carol), 0);
        _depositETH(mallory, root, 2 ether);
        assertEq(splitter.claimable(root, ETH, bob), 11 ether);
        assertEq(splitter.claimable(root, ETH, carol), 1 ether);
    }

    function test_setWeights_settlesEarningsBeforeChange() public {
        _setSplit(root, alice, ETH, _pair(bob, carol), _weights(1, 1));
        _depositETH(mallory, root, 10 ether);
        vm.prank(alice);
        splitter.setWeights(root, _one(bob), _weight(3)); // bob keeps his 5, then earns 3/4 of what follows
        assertEq(splitter.claimable(root, ETH, bob), 5 ether);
        _depositETH(mallory, root, 4 ether);
        assertEq(splitter.claimable(root, ETH, bob), 8 ether);
        assertEq(splitter.claimable(root, ETH, carol), 6 ether);
        vm.prank(alice);
        splitter.setWeights(root, _one(carol), _weight(0)); // removed, but keeps what she earned
        assertEq(splitter.claimable(root, ETH, carol), 6 ether);
        _depositETH(mallory, root, 3 ether);
        assertEq(splitter.claimable(root, ETH, carol), 6 ether);
        assertEq(splitter.claimable(root, ETH, bob), 11 ether);
    }

    function test_setWeights_emptyingSplitFlushesDustToOwner() public {
        _setSplit(root, alice, ETH, _pair(bob, carol), _weights(1, 2));
        _depositETH(mallory, root, 10);
        assertEq(splitter.dust(root, ETH), 1);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.DustFlushed(root, ETH, alice, 1);
        vm.recordLogs();
        vm.prank(alice);
        splitter.setWeights(root, _pair(bob, carol), _weights(0, 0));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IRoyaltySplitter.OwnerCredited.selector, "a flush is not an OwnerCredited");
        }
        assertEq(splitter.dust(root, ETH), 0);
        assertEq(splitter.claimable(root, ETH, alice), 1);
        assertEq(splitter.claimable(root, ETH, bob) + splitter.claimable(root, ETH, carol), 9);
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIMS
    //////////////////////////////////////////////////////////////*/

    function test_claim_paysAcrossModelsInOneTransfer() public {
        uint256 second = _register(alice, "second model");
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        _setSplit(second, alice, ETH, _pair(bob, carol), _weights(1, 1));
        _depositETH(mallory, root, 3 ether);
        _depositETH(mallory, second, 2 ether);

        uint256 before = bob.balance;
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.Claimed(root, ETH, bob, 3 ether);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.Claimed(second, ETH, bob, 1 ether);
        assertEq(_claim(bob, _ids(root, second), ETH), 4 ether);
        assertEq(bob.balance - before, 4 ether);
        assertEq(splitter.claimable(root, ETH, bob), 0);
        assertEq(splitter.claimable(second, ETH, carol), 1 ether);
    }

    function test_claim_oneModelEth() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        _depositETH(mallory, root, 1 ether);
        vm.prank(bob);
        splitter.claim(_ids(root), ETH);
        vm.snapshotGasLastCall("RoyaltySplitter", "claim");
        assertEq(bob.balance, 1 ether);
    }

    function test_claim_erc20() public {
        _setSplit(root, alice, address(usd), _pair(bob, carol), _weights(1, 1));
        usd.mint(mallory, 2 ether);
        vm.startPrank(mallory);
        usd.approve(address(splitter), 2 ether);
        splitter.deposit(root, address(usd), 2 ether);
        vm.stopPrank();
        assertEq(_claim(carol, _ids(root), address(usd)), 1 ether);
        assertEq(usd.balanceOf(carol), 1 ether);
    }

    function test_RevertWhen_claimingTwice() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        _depositETH(mallory, root, 1 ether);
        _claim(bob, _ids(root, root), ETH); // a repeated id claims nothing more
        assertEq(bob.balance, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.NothingToClaim.selector, bob, ETH));
        vm.prank(bob);
        splitter.claim(_ids(root), ETH);
    }

    function test_claim_reentrantReceiverCannotDoubleClaim() public {
        ReentrantReceiver receiver = new ReentrantReceiver(splitter);
        _setSplit(root, alice, ETH, _pair(address(receiver), bob), _weights(1, 1));
        _depositETH(mallory, root, 2 ether);
        receiver.claim(_ids(root), ETH);
        assertEq(receiver.received(), 1 ether);
        assertEq(receiver.blockedReentries(), 1);
        assertEq(receiver.reentrantClaims(), 0);
        assertEq(address(splitter).balance, 1 ether, "bob's share is still there");
        assertEq(splitter.claimable(root, ETH, bob), 1 ether);
    }

    function test_RevertWhen_claimReceiverRejectsEth() public {
        _setSplit(root, alice, ETH, _one(address(usd)), _weight(1)); // a contract without receive()
        _depositETH(mallory, root, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.EthTransferFailed.selector, address(usd), 1 ether));
        vm.prank(address(usd));
        splitter.claim(_ids(root), ETH);
    }

    function test_RevertWhen_claimingTooManyModels() public {
        uint256[] memory ids = new uint256[](257);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.BatchTooLarge.selector, 257, 256));
        vm.prank(bob);
        splitter.claim(ids, ETH);
    }

    /*//////////////////////////////////////////////////////////////
                         MARKETPLACE CREDITS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_collectSaleIsNotFromMarketplace() public {
        // Alice approved the splitter for a purchase: nobody but the Marketplace may use that allowance.
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.NotMarketplace.selector, mallory));
        vm.prank(mallory);
        splitter.collectSale(root, address(token), alice, 1 ether, 0, mallory);
    }

    function test_RevertWhen_collectSaleValueIsWrong() public {
        vm.deal(address(market), 2 ether);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.WrongValue.selector, 1.5 ether, 1 ether));
        vm.prank(address(market));
        splitter.collectSale{value: 1 ether}(root, ETH, alice, 1.5 ether, 1000, address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.WrongValue.selector, 0, 1 ether));
        vm.prank(address(market));
        splitter.collectSale{value: 1 ether}(root, address(token), alice, 1 ether, 0, address(timelock));
    }

    function test_collectSale_creditsSplitAndTreasuryFee() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        vm.deal(address(market), 1 ether);
        vm.prank(address(market));
        splitter.collectSale{value: 1 ether}(root, ETH, carol, 1 ether, 1000, address(timelock));
        assertEq(splitter.claimable(root, ETH, bob), 0.9 ether);
        assertEq(splitter.claimable(splitter.PROTOCOL_FEES(), ETH, address(timelock)), 0.1 ether);
        vm.expectRevert(abi.encodeWithSelector(IRoyaltySplitter.NothingToClaim.selector, carol, ETH));
        splitter.sweepProtocolFees(ETH, carol);
        uint256 before = address(timelock).balance;
        splitter.sweepProtocolFees(ETH, address(timelock));
        assertEq(address(timelock).balance - before, 0.1 ether);
    }

    function test_setMarketplace_isGoverned() public {
        assertEq(splitter.marketplace(), address(market));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        splitter.setMarketplace(mallory);
        vm.expectEmit(address(splitter));
        emit IRoyaltySplitter.MarketplaceSet(carol);
        vm.prank(address(timelock));
        splitter.setMarketplace(carol);
        assertEq(splitter.marketplace(), carol);
    }

    /*//////////////////////////////////////////////////////////////
                         ERC-2981 ROYALTY INBOX
    //////////////////////////////////////////////////////////////*/

    function test_royaltyInbox_collectsEthBeforeAndAfterDeployment() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        (address inbox, uint256 royalty) = registry.royaltyInfo(root, 100 ether);
        assertEq(royalty, 5 ether);
        assertEq(inbox.code.length, 0, "counterfactual until first sweep");

        vm.prank(mallory);
        payable(inbox).transfer(royalty); // a legacy marketplace forwarding the 2,300-gas stipend only
        vm.expectEmit(address(inboxFactory));
        emit IRoyaltyInboxFactory.InboxDeployed(address(splitter), root, inbox);
        assertEq(splitter.sweepInbox(root, ETH), 5 ether);
        assertEq(splitter.claimable(root, ETH, bob), 5 ether);

        vm.prank(mallory);
        payable(inbox).transfer(1 ether); // deployed now: still fits the stipend
        assertEq(RoyaltyInbox(payable(inbox)).sweep(ETH), 1 ether);
        assertEq(splitter.claimable(root, ETH, bob), 6 ether);
        assertEq(RoyaltyInbox(payable(inbox)).MODEL_ID(), root);
    }

    function test_royaltyInbox_collectsErc20() public {
        _setSplit(root, alice, address(usd), _one(bob), _weight(1));
        address inbox = splitter.royaltyInboxOf(root);
        usd.mint(inbox, 3 ether);
        assertEq(splitter.sweepInbox(root, address(usd)), 3 ether);
        assertEq(splitter.claimable(root, address(usd), bob), 3 ether);
        assertEq(splitter.sweepInbox(root, address(usd)), 0, "nothing left");
    }

    /*//////////////////////////////////////////////////////////////
                            PAUSE AND UPGRADE
    //////////////////////////////////////////////////////////////*/

    function test_pause_stopsDepositsClaimsAndSplitChanges() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        _depositETH(mallory, root, 1 ether);
        vm.prank(guardian);
        splitter.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(mallory);
        splitter.depositETH{value: 1}(root);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(bob);
        splitter.claim(_ids(root), ETH);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        splitter.setWeights(root, _one(carol), _weight(1));
        vm.prank(address(timelock));
        splitter.unpause();
        _claim(bob, _ids(root), ETH);
    }

    function test_upgradeToAndCall_onlyByGovernanceKeepsBalances() public {
        _setSplit(root, alice, ETH, _one(bob), _weight(1));
        _depositETH(mallory, root, 1 ether);
        address implementation = address(new RoyaltySplitter(address(registry)));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        splitter.upgradeToAndCall(implementation, "");
        vm.prank(address(timelock));
        splitter.upgradeToAndCall(implementation, "");
        assertEq(splitter.claimable(root, ETH, bob), 1 ether);
        (address receiver,) = registry.royaltyInfo(root, 0);
        assertEq(splitter.royaltyInboxOf(root), receiver, "inbox addresses survive upgrades");
    }

    /*//////////////////////////////////////////////////////////////
                                  FUZZ
    //////////////////////////////////////////////////////////////*/

    /// @dev Whatever the weights and deposits, what the recipients can claim plus the dust is exactly what arrived.
    function testFuzz_deposits_conserveEveryWei(uint32[4] memory weights, uint96[4] memory amounts) public {
        address[] memory accounts = new address[](4);
        uint32[] memory w = new uint32[](4);
        for (uint256 i; i < 4; ++i) {
            accounts[i] = _recipient(i);
            w[i] = uint32(bound(weights[i], 1, 250_000));
        }
        _setSplit(root, alice, ETH, accounts, w);
        uint256 deposited;
        for (uint256 i; i < 4; ++i) {
            uint256 amount = bound(amounts[i], 1, 1000 ether);
            _depositETH(mallory, root, amount);
            deposited += amount;
            // Change one weight between deposits: settlement must not create or destroy value.
            vm.prank(alice);
            splitter.setWeights(root, _one(accounts[i]), _weight(uint32(bound(amounts[i], 0, 250_000))));
        }
        uint256 total = splitter.dust(root, ETH) + splitter.claimable(root, ETH, alice);
        for (uint256 i; i < 4; ++i) {
            total += splitter.claimable(root, ETH, accounts[i]);
        }
        assertEq(total, deposited);
        assertEq(address(splitter).balance, deposited);
    }

    /// @dev Along a lineage, every wei of a deposit ends up in exactly one split (or owner credit).
    function testFuzz_upstream_conservesAcrossLevels(uint96 amount, uint16 bps, uint8 depth) public {
        amount = uint96(bound(amount, 1, type(uint96).max));
        bps = uint16(bound(bps, 0, 5000));
        depth = uint8(bound(depth, 0, 8));
        vm.prank(address(timelock));
        splitter.setUpstream(bps, depth);
        uint256[4] memory chain;
        chain[0] = root;
        for (uint256 i = 1; i < 4; ++i) {
            chain[i] = _registerDerived(alice, abi.encodePacked("generation ", i), chain[i - 1]);
            if (i != 2) _setSplit(chain[i], alice, ETH, _pair(bob, carol), _weights(2, 5));
        }
        vm.deal(mallory, amount);
        _depositETH(mallory, chain[3], amount);
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            total += splitter.claimable(chain[i], ETH, alice) + splitter.claimable(chain[i], ETH, bob)
            + splitter.claimable(chain[i], ETH, carol) + splitter.dust(chain[i], ETH);
        }
        assertEq(total, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _depositETH(address from, uint256 id, uint256 amount) internal {
        if (amount == 0) return;
        vm.deal(from, from.balance + amount);
        vm.prank(from);
        splitter.depositETH{value: amount}(id);
    }

    function _recipient(uint256 i) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("recipient", i)))));
    }

    function _recipients(uint256 from, uint256 count)
        internal
        pure
        returns (address[] memory accounts, uint32[] memory weights)
    {
        accounts = new address[](count);
        weights = new uint32[](count);
        for (uint256 i; i < count; ++i) {
            accounts[i] = _recipient(from + i);
            weights[i] = 1000;
        }
    }

    /// @dev Marks a proxy, its storage and its implementation cold again.
    function _coolModule(address proxy) internal {
        bytes32 implementationSlot = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
        vm.cool(proxy);
        vm.cool(address(uint160(uint256(vm.load(proxy, implementationSlot)))));
    }

    /// @dev The gas of `setWeights` as a whole transaction: 21,000 + calldata + execution, with the splitter's and
    /// registry's accounts cooled so every first access is charged as in a fresh transaction.
    function _setWeightsTxGas(uint256 id, address owner, address[] memory accounts, uint32[] memory weights)
        internal
        returns (uint256)
    {
        bytes memory data = abi.encodeCall(IRoyaltySplitter.setWeights, (id, accounts, weights));
        uint256 calldataGas;
        for (uint256 i; i < data.length; ++i) {
            calldataGas += data[i] == 0 ? 4 : 16;
        }
        _coolModule(address(splitter));
        _coolModule(address(registry));
        vm.prank(owner);
        uint256 start = gasleft();
        splitter.setWeights(id, accounts, weights);
        return start - gasleft() + 21_000 + calldataGas;
    }
}
