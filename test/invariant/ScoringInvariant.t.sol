// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IScoringTypes} from "../../src/interfaces/IScoringManager.sol";
import {Base} from "../Base.t.sol";
import {ScoringHandler} from "./handlers/ScoringHandler.sol";

/// @notice Scoring under random sequences of stakes, unstakes, registrations, weight syncs, subject transfers,
/// openings (paid, pool-funded, with a flash stake in the opening block), draws (in and after the seed block, past
/// `blockhash`'s reach), commits and reveals (honest, copied, of another round, wrong salt or score, by another
/// validator or an outsider, at and past every window's edge), finalization, offender reports, claims (single and
/// batched), unauthorized module calls and time.
/// @dev Each invariant runs its own campaign, and every call is followed by reads of every round: under the ci
/// profile the eight campaigns of 512 × 64 calls took 70 s on the shared two-core machine, so ci runs are halved
/// (about 20–25 s); the depth stays, so each run still sees rounds open, draw, reveal and settle.
/// forge-config: ci.invariant.runs = 256
contract ScoringInvariantTest is Base {
    ScoringHandler internal handler;

    address internal publisher = makeAddr("publisher");
    address internal funder = makeAddr("funder");
    address internal newcomer = makeAddr("newcomer");
    address internal farmer = makeAddr("farmer");
    address internal griefer = makeAddr("griefer");

    function setUp() public override {
        super.setUp();
        // Windows of two hours, so that a run of a few dozen calls (each moving time by up to 90 minutes, or to a
        // window's edge) sees rounds through commit, reveal and settlement.
        IScoringTypes.Parameters memory p = scoringManager.parameters();
        p.commitWindow = 2 hours;
        p.revealWindow = 2 hours;
        vm.prank(address(timelock));
        scoringManager.setParameters(p);

        // The publisher validates too (and is never drawn for its own model); the newcomer starts without stake.
        // Stakes differ, but some are equal or sum to others, so that exact halves (where the lower median and any
        // other median part ways) come up.
        address[] memory validators = new address[](7);
        uint256[6] memory stakes =
            [uint256(20_000 ether), 10_000 ether, 10_000 ether, 20_000 ether, 30_000 ether, 60_000 ether];
        validators[0] = publisher;
        for (uint256 i = 1; i < 6; ++i) {
            validators[i] = makeAddr(string.concat("validator", vm.toString(i)));
        }
        validators[6] = newcomer;
        for (uint256 i; i < 6; ++i) {
            _joinValidators(validators[i], stakes[i]);
        }
        for (uint256 i; i < validators.length; ++i) {
            _fund(validators[i], 5_000_000 ether);
        }
        _fund(funder, 10_000_000 ether);

        uint256[] memory subjects = new uint256[](2);
        subjects[0] = _register(publisher, "model weights");
        subjects[1] = _register(validators[1], "another model");
        vm.warp(block.timestamp + 1);

        handler = new ScoringHandler(scoringManager, registry, funder, address(timelock), mallory, validators, subjects);

        // The adversaries: a farmer staked as a contributor, owning a junk model, with validator3 as its sybil (a
        // sixth of the validators' stake); and a griefer opening rounds nobody can evaluate.
        _stake(farmer, CONTRIBUTOR_MIN_STAKE);
        _fund(farmer, 1_000_000 ether);
        uint256 junk = _register(farmer, "junk model");
        _fund(griefer, 1_000_000 ether);
        vm.warp(block.timestamp + 1);
        handler.setAdversaries(farmer, validators[3], junk, DATASET_CID, griefer);

        bytes4[] memory selectors = new bytes4[](21);
        selectors[0] = ScoringHandler.changeStake.selector;
        selectors[1] = ScoringHandler.updateWeight.selector;
        selectors[2] = ScoringHandler.openRound.selector;
        selectors[3] = ScoringHandler.drawCommittee.selector;
        selectors[4] = ScoringHandler.commit.selector;
        selectors[5] = ScoringHandler.commitMany.selector;
        selectors[6] = ScoringHandler.reveal.selector;
        selectors[7] = ScoringHandler.revealMany.selector;
        selectors[8] = ScoringHandler.finalize.selector;
        selectors[9] = ScoringHandler.reportOffenders.selector;
        selectors[10] = ScoringHandler.claimReward.selector;
        selectors[11] = ScoringHandler.advance.selector;
        selectors[12] = ScoringHandler.warpToDeadline.selector;
        selectors[13] = ScoringHandler.hostileCall.selector;
        selectors[14] = ScoringHandler.progress.selector;
        selectors[15] = ScoringHandler.farm.selector;
        selectors[16] = ScoringHandler.grief.selector;
        selectors[17] = ScoringHandler.frontRunSettlement.selector;
        selectors[18] = ScoringHandler.rerollSeed.selector;
        selectors[19] = ScoringHandler.releaseContributorReward.selector;
        selectors[20] = ScoringHandler.moveToFreshAddress.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The honest path the fuzzer interleaves with hostile calls does reach every stage: draws, reveals, finalized
    /// and failed rounds, reports and claims. Otherwise the invariants below would hold vacuously.
    function test_progressReachesSettlement() public {
        for (uint256 i; i < 200; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(i)));
            handler.progress(seed % 3, seed, seed >> 8);
        }
        assertGt(handler.ghost_draws(), 0, "draws");
        assertGt(handler.ghost_reveals(), 0, "reveals");
        assertGt(handler.ghost_finalized() + handler.ghost_failedRounds(), 0, "settled rounds");
        assertGt(handler.ghost_reports(), 0, "reports");
        assertGt(handler.ghost_claims(), 0, "claims");
    }

    /// @dev The adversaries do act: the farmer's rounds settle and earn a held reward that is released, the
    /// griefer's rounds draw abstentions, a front-run opening meets a settlement, and a seed is let age out.
    function test_adversariesReachTheirAttacks() public {
        // One adversary's round at a time, each taken to settlement by the honest path (a progress seed of
        // `(roundId - 1) << 3 | 1` picks that round first).
        for (uint256 r; r < 4; ++r) {
            if (r % 2 == 0) handler.farm(3);
            else handler.grief(r, 3);
            uint256 target = ((scoringManager.roundCount() - 1) << 3) | 1;
            for (uint256 i; i < 12; ++i) {
                handler.progress(target, type(uint256).max, uint256(keccak256(abi.encode(r, i))));
            }
        }
        handler.frontRunSettlement(1, false);
        handler.frontRunSettlement(2, true);
        for (uint256 i; i < 8; ++i) {
            handler.releaseContributorReward(i, i, true);
        }
        handler.grief(1, 1);
        handler.rerollSeed(1, 1);
        handler.moveToFreshAddress(0);
        handler.moveToFreshAddress(1);
        assertEq(handler.ghost_moves(), 2, "moves to fresh addresses");
        assertGt(handler.ghost_farmRounds(), 0, "farm rounds");
        assertGt(handler.ghost_heldRewards(), 0, "held contributor rewards");
        assertGt(handler.ghost_releasedRewards(), 0, "released contributor rewards");
        assertGt(handler.ghost_griefRounds(), 0, "grief rounds");
        assertGt(handler.ghost_abstentions(), 0, "abstentions");
        assertGt(handler.ghost_frontRuns(), 0, "front-run openings");
        assertGt(handler.ghost_seedMoves(), 0, "aged seeds");
        assertEq(handler.ghost_frontRunBlocks(), 0);
        assertEq(handler.ghost_rerolls(), 0);
        assertLe(
            handler.ghost_farmerOut(),
            handler.ghost_farmerIn() + scoringManager.contributorReward(registry.modelOf(handler.farmSubject()).kind)
                * 3 / 2
        );
    }

    /// @dev A finalized round's consensus lies within [min, max] of the scores revealed in it, and is exactly the
    /// stake-weighted lower median the model computes from them (with the band and rewarded weight that follow).
    function invariant_consensusWithinRevealedScores() public view {
        uint256 count = scoringManager.roundCount();
        for (uint256 roundId = 1; roundId <= count; ++roundId) {
            IScoringTypes.Round memory r = scoringManager.round(roundId);
            if (r.status != IScoringTypes.RoundStatus.Finalized) continue;
            ScoringHandler.GhostRound memory g = handler.ghostRound(roundId);
            assertGt(g.revealed, 0, "finalized without reveals");
            assertGe(r.consensus, g.minScore, "consensus below every revealed score");
            assertLe(r.consensus, g.maxScore, "consensus above every revealed score");
        }
        assertEq(handler.ghost_settlementMismatches(), 0, "settlement differs from the model");
    }

    /// @dev No reveal is accepted outside its window, by a non-member, with another validator's or another round's
    /// commitment, or with a wrong salt or score; no bad commitment either. And every score the chain holds is one
    /// the model saw revealed by that member.
    function invariant_noBadRevealAccepted() public view {
        assertEq(handler.ghost_badRevealsAccepted(), 0, "bad reveal accepted");
        assertEq(handler.ghost_badCommitsAccepted(), 0, "bad commitment accepted");
        uint256 count = scoringManager.roundCount();
        for (uint256 roundId = 1; roundId <= count; ++roundId) {
            address[] memory members = handler.membersOf(roundId);
            for (uint256 i; i < members.length; ++i) {
                IScoringTypes.Ballot memory ballot = scoringManager.ballotOf(roundId, members[i]);
                ScoringHandler.GhostBallot memory g = handler.ghostBallot(roundId, members[i]);
                assertEq(ballot.score, g.revealed ? g.revealedScore : 0, "score on chain");
            }
        }
    }

    /// @dev Claims pay per round at most its budget (and exactly the shares the model owes); the ScoringManager holds
    /// at least what it has reserved, and the reserve is exactly the budgets of unsettled rounds plus the unclaimed
    /// shares of finalized ones.
    function invariant_rewardsWithinBudgetAndReserveBacked() public view {
        uint256 count = scoringManager.roundCount();
        uint256 reserve = 0;
        for (uint256 roundId = 1; roundId <= count; ++roundId) {
            ScoringHandler.GhostRound memory g = handler.ghostRound(roundId);
            assertLe(g.paid, g.budget, "paid beyond the budget");
            assertLe(g.paid, g.owed, "paid beyond the shares");
            assertLe(g.owed, g.budget, "shares beyond the budget");
            if (g.status == IScoringTypes.RoundStatus.Open || g.status == IScoringTypes.RoundStatus.Drawn) {
                reserve += g.budget;
            } else if (g.status == IScoringTypes.RoundStatus.Finalized) {
                reserve += g.owed - g.paid + g.held;
            }
        }
        uint256 reserved = scoringManager.reservedRewards();
        assertGe(token.balanceOf(address(scoringManager)), reserved, "reserve not backed");
        assertEq(reserved, reserve, "reserve");
        assertEq(handler.ghost_payoutViolations(), 0, "payout");
    }

    /// @dev Every seat's weight is its member's stake at the round's snapshot, which never changes afterwards.
    function invariant_seatWeightsAreSnapshotStakes() public view {
        uint256 count = scoringManager.roundCount();
        for (uint256 roundId = 1; roundId <= count; ++roundId) {
            IScoringTypes.Round memory r = scoringManager.round(roundId);
            for (uint256 i; i < r.seats; ++i) {
                IScoringTypes.Seat memory seat = scoringManager.seatAt(roundId, i);
                assertEq(seat.weight, stakeManager.stakeAt(seat.validator, r.snapshotAt), "seat weight");
            }
        }
    }

    /// @dev Every member was in the validator set when drawn and is not the subject's owner at opening; nobody sits
    /// twice in a round; the committee is at most its size.
    function invariant_committeesAreEligibleAndDistinct() public view {
        assertEq(handler.ghost_seatViolations(), 0, "seat rules");
        uint256 count = scoringManager.roundCount();
        for (uint256 roundId = 1; roundId <= count; ++roundId) {
            IScoringTypes.Round memory r = scoringManager.round(roundId);
            ScoringHandler.GhostRound memory g = handler.ghostRound(roundId);
            assertEq(r.subjectOwner, g.ownerAtOpening, "owner at opening");
            assertLe(r.seats, r.committeeSize, "committee size");
            address[] memory members = handler.membersOf(roundId);
            assertEq(members.length, r.seats, "seats");
            for (uint256 i; i < r.seats; ++i) {
                address member = scoringManager.seatAt(roundId, i).validator;
                assertEq(member, members[i], "seat order");
                assertTrue(member != g.ownerAtOpening, "the owner at opening sits");
                for (uint256 j; j < i; ++j) {
                    assertTrue(members[j] != member, "sits twice");
                }
            }
        }
    }

    /// @dev The pool has exactly one pending draw per round still open.
    function invariant_pendingDrawsEqualOpenRounds() public view {
        uint256 count = scoringManager.roundCount();
        uint256 open = 0;
        for (uint256 roundId = 1; roundId <= count; ++roundId) {
            if (scoringManager.round(roundId).status == IScoringTypes.RoundStatus.Open) ++open;
        }
        assertEq(sortitionPool.pendingDraws(), open);
    }

    /// @dev While a draw is pending, no pool weight moves (syncs revert, earlier draws put weights back); the pool's
    /// total is always the sum of its members' weights; and a sync sets the StakeManager's value.
    function invariant_poolFrozenUntilTheLastDraw() public view {
        assertEq(handler.ghost_weightViolations(), 0, "weight rules");
        uint256 sum = 0;
        bool frozen = sortitionPool.pendingDraws() != 0;
        for (uint256 i; i < handler.validatorCount(); ++i) {
            address validator = handler.validators(i);
            uint256 weight = sortitionPool.weightOf(validator);
            sum += weight;
            if (frozen) assertEq(weight, handler.ghost_frozenWeight(validator), "a weight moved while frozen");
        }
        assertEq(sortitionPool.totalWeight(), sum, "total");
        if (frozen) assertEq(sum, handler.ghost_frozenTotal(), "the total moved while frozen");
    }

    /// @dev Each validator's locked stake is exactly the locks of its seats not yet released: members in the band
    /// at finalization, revealers of a failed round, and reported offenders are released, nobody else.
    function invariant_locksMatchUnsettledSeats() public view {
        for (uint256 i; i < handler.validatorCount(); ++i) {
            address validator = handler.validators(i);
            assertEq(stakeManager.lockedOf(validator), handler.ghost_locked(validator), "locked");
        }
        assertEq(handler.ghost_unauthorizedSuccesses(), 0, "privileged call by an outsider");
    }

    /*//////////////////////////////////////////////////////////////
                          ECONOMIC INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Farming does not pay: the farmer with its sybil validator never took out of the ScoringManager more than
    /// it paid into rounds on its subject, beyond the one contributor reward the design pays (once per subject and
    /// approved benchmark, at most 1.5 × the kind's reward at the best reputation).
    function invariant_farmingDoesNotPay() public view {
        uint256 intended = scoringManager.contributorReward(registry.modelOf(handler.farmSubject()).kind) * 3 / 2;
        assertLe(handler.ghost_farmerOut(), handler.ghost_farmerIn() + intended, "the farmer profits");
    }

    /// @dev Rounds nobody can evaluate cost their opener: the griefer got back only the budgets of draws that seated
    /// nobody (so slashed nobody).
    function invariant_unevaluableRoundsCostTheOpener() public view {
        assertEq(
            token.balanceOf(griefer),
            handler.ghost_grieferStart() - handler.ghost_grieferIn() + handler.ghost_grieferRefunds(),
            "the griefer was refunded"
        );
    }

    /// @dev An honest validator's stake never decreases: a validator never reported as an offender (it revealed its
    /// score within the band, or abstained, in every round it sat in) still holds every token it staked.
    function invariant_honestValidatorsKeepTheirStake() public view {
        for (uint256 i; i < handler.validatorCount(); ++i) {
            address validator = handler.validators(i);
            if (handler.ghost_offended(validator)) continue;
            assertEq(
                stakeManager.stakeOf(validator) + stakeManager.unbondingOf(validator),
                handler.ghost_principal(validator),
                "an honest validator lost stake"
            );
        }
    }

    /// @dev Slashable stake covers every pending slash: each offender's lock (which it cannot unstake) is at least
    /// the automatic slashes its unreported offences will take; a front-run opening never blocked a settlement; and
    /// a seed that aged out never gave its round a new draw.
    function invariant_pendingSlashesAreCovered() public view {
        for (uint256 i; i < handler.validatorCount(); ++i) {
            address validator = handler.validators(i);
            assertGe(stakeManager.lockedOf(validator), handler.pendingSlashOf(validator), "lock below pending slash");
        }
        assertEq(handler.ghost_frontRunBlocks(), 0, "a same-block opening blocked settlement");
        assertEq(handler.ghost_rerolls(), 0, "a seed was re-rolled");
    }

    /// @dev Moving models to a fresh address never raises the reward multiplier (0.5 + reputation): no move left the new
    /// owner above the old one, and every fresh address that has not earned a reward of its own is at the floor, 0.
    function invariant_aMoveNeverRaisesTheMultiplier() public view {
        assertEq(handler.ghost_multiplierRaisedByMove(), 0, "a move raised the multiplier");
        for (uint256 i; i < handler.freshOwnerCount(); ++i) {
            address fresh = handler.freshOwners(i);
            if (!handler.ghost_rewardedContributor(fresh)) {
                assertEq(scoringManager.reputationOf(fresh), 0, "not floor");
            }
        }
    }
}
