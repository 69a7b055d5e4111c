// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DeployProtocol} from "../script/DeployProtocol.sol";
import {DaimmGovernor} from "../src/DaimmGovernor.sol";
import {DaimmToken} from "../src/DaimmToken.sol";
import {DaimmVestingWallet} from "../src/DaimmVestingWallet.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {ModelRegistry} from "../src/ModelRegistry.sol";
import {RoyaltyInboxFactory} from "../src/RoyaltyInboxFactory.sol";
import {RoyaltySplitter} from "../src/RoyaltySplitter.sol";
import {ScoringManager} from "../src/ScoringManager.sol";
import {Slasher} from "../src/Slasher.sol";
import {SortitionPool} from "../src/SortitionPool.sol";
import {StakeManager} from "../src/StakeManager.sol";
import {UsageAnchors} from "../src/UsageAnchors.sol";
import {IModelRegistry} from "../src/interfaces/IModelRegistry.sol";
import {CidV1} from "../src/libraries/CidV1.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Deploys the whole protocol through `DeployProtocol`, the code path `script/Deploy.s.sol` broadcasts,
/// with production-like governance periods and labelled actors.
abstract contract Base is Test, DeployProtocol {
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 1 weeks;
    uint256 internal constant PROPOSAL_THRESHOLD = 100_000 ether;
    uint256 internal constant QUORUM_PERCENT = 4;
    bytes32 internal constant SALT = keccak256("daimm.test");
    uint16 internal constant ROYALTY_BPS = 500;
    uint32 internal constant MAX_COMMIT_AGE = 1 days;
    uint256 internal constant UNBONDING_PERIOD = 28 days;
    uint256 internal constant CHALLENGE_WINDOW = 14 days;
    uint256 internal constant ESCROW_PERIOD = 14 days;
    uint256 internal constant CONTRIBUTOR_MIN_STAKE = 1000 ether;
    uint256 internal constant VALIDATOR_MIN_STAKE = 10_000 ether;
    uint256 internal constant CHALLENGE_BOND = 1000 ether;
    uint16 internal constant UPSTREAM_BPS = 1000;
    uint8 internal constant UPSTREAM_DEPTH = 3;
    uint16 internal constant PROTOCOL_FEE_BPS = 250;
    uint40 internal constant COMMIT_WINDOW = 1 days;
    uint40 internal constant REVEAL_WINDOW = 1 days;
    uint40 internal constant REPORT_WINDOW = 7 days;

    /// @dev The test genesis: a liquid reserve the funding helpers draw from, a vesting allocation for the team, an
    /// airdrop of four leaves, and the rest (about a quarter) in the treasury.
    uint256 internal constant RESERVE_ALLOCATION = 650_000_000 ether;
    uint256 internal constant TEAM_ALLOCATION = 100_000_000 ether;
    uint64 internal constant TEAM_VESTING = 4 * 365 days;
    uint64 internal constant TEAM_CLIFF = 365 days;
    uint64 internal constant AIRDROP_PERIOD = 30 days;

    AccessManager internal accessManager;
    TimelockController internal timelock;
    DaimmToken internal token;
    DaimmGovernor internal governor;
    ModelRegistry internal registry;
    StakeManager internal stakeManager;
    Slasher internal slasher;
    RoyaltyInboxFactory internal inboxFactory;
    RoyaltySplitter internal splitter;
    Marketplace internal market;
    ScoringManager internal scoringManager;
    SortitionPool internal sortitionPool;
    DaimmVestingWallet internal teamWallet;
    UsageAnchors internal usageAnchors;

    address internal deployer;
    address internal guardian = makeAddr("guardian");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    address internal carol = makeAddr("carol");
    address internal mallory = makeAddr("mallory");
    /// @dev Stands in for the ScoringManager in module tests: they grant it the SCORING role with `_grantRole`.
    address internal scoring = makeAddr("scoring");
    address internal rewardPool = makeAddr("rewardPool");
    /// @dev A genesis holder with a liquid, self-delegated allocation: `_fund` pays from it.
    address internal genesisReserve = makeAddr("genesis reserve");
    /// @dev Beneficiary of `teamWallet`, whose votes it holds from genesis.
    address internal teamMember = makeAddr("team member");

    function setUp() public virtual {
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");
        deployer = address(this);
        vm.label(deployer, "deployer");

        Deployment memory d = _deployProtocol(_testConfig(), _testGenesis());
        accessManager = d.accessManager;
        timelock = d.timelock;
        token = d.token;
        governor = d.governor;
        registry = d.registry;
        stakeManager = d.stakeManager;
        slasher = d.slasher;
        vm.label(address(stakeManager), "StakeManager");
        vm.label(address(slasher), "Slasher");
        inboxFactory = d.inboxFactory;
        splitter = d.splitter;
        market = d.market;
        scoringManager = d.scoring;
        sortitionPool = d.sortitionPool;
        usageAnchors = d.usageAnchors;
        vm.label(address(usageAnchors), "UsageAnchors");
        teamWallet = d.vestingWallets[0];
        vm.label(address(teamWallet), "TeamVestingWallet");
        vm.label(genesisReserve, "genesisReserve");
        vm.label(address(sortitionPool), "SortitionPool");
        vm.label(address(scoringManager), "ScoringManager");
        vm.label(address(accessManager), "AccessManager");
        vm.label(address(timelock), "Timelock");
        vm.label(address(token), "DaimmToken");
        vm.label(address(governor), "DaimmGovernor");
        vm.label(address(registry), "ModelRegistry");
        vm.label(address(inboxFactory), "RoyaltyInboxFactory");
        vm.label(address(splitter), "RoyaltySplitter");
        vm.label(address(market), "Marketplace");
    }

    function _testConfig() internal view returns (Config memory) {
        return Config({
            deployer: deployer,
            guardian: guardian,
            salt: SALT,
            timelockDelay: TIMELOCK_DELAY,
            votingDelay: VOTING_DELAY,
            votingPeriod: VOTING_PERIOD,
            proposalThreshold: PROPOSAL_THRESHOLD,
            quorumPercent: QUORUM_PERCENT,
            royaltyBps: ROYALTY_BPS,
            maxCommitAge: MAX_COMMIT_AGE,
            rewardPool: rewardPool,
            unbondingPeriod: UNBONDING_PERIOD,
            challengeWindow: CHALLENGE_WINDOW,
            escrowPeriod: ESCROW_PERIOD,
            contributorMinStake: CONTRIBUTOR_MIN_STAKE,
            validatorMinStake: VALIDATOR_MIN_STAKE,
            challengeBond: CHALLENGE_BOND,
            upstreamBps: UPSTREAM_BPS,
            upstreamDepth: UPSTREAM_DEPTH,
            protocolFeeBps: PROTOCOL_FEE_BPS,
            commitWindow: COMMIT_WINDOW,
            revealWindow: REVEAL_WINDOW,
            reportWindow: REPORT_WINDOW,
            benchmarkDatasetCid: DATASET_CID,
            benchmarkMetric: METRIC
        });
    }

    function _testGenesis() internal view returns (Genesis memory genesis) {
        genesis.grants = new Grant[](1);
        genesis.grants[0] = Grant({account: genesisReserve, amount: RESERVE_ALLOCATION});
        genesis.vestings = new Vesting[](1);
        genesis.vestings[0] = Vesting({
            beneficiary: teamMember,
            amount: TEAM_ALLOCATION,
            start: uint64(block.timestamp),
            duration: TEAM_VESTING,
            cliff: TEAM_CLIFF
        });
        (genesis.airdropRoot, genesis.airdropAmount) = _airdropTree();
        genesis.airdropDeadline = uint64(block.timestamp) + AIRDROP_PERIOD;
    }

    /*//////////////////////////////////////////////////////////////
                            AIRDROP TREE
    //////////////////////////////////////////////////////////////*/

    /// @dev The four leaves of the test airdrop: alice, bob, carol and mallory claim 1,000 to 4,000 DAIMM.
    function _airdropLeaf(uint256 index) internal view returns (address account, uint256 amount, bytes32 leaf) {
        account = [alice, bob, carol, mallory][index];
        amount = (index + 1) * 1000 ether;
        leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }

    /// @dev Hashes a pair sorted, as OpenZeppelin's `MerkleProof` expects.
    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _airdropTree() internal view returns (bytes32 root, uint256 total) {
        bytes32[4] memory leaves;
        for (uint256 i; i < 4; ++i) {
            uint256 amount;
            (, amount, leaves[i]) = _airdropLeaf(i);
            total += amount;
        }
        root = _hashPair(_hashPair(leaves[0], leaves[1]), _hashPair(leaves[2], leaves[3]));
    }

    /// @dev The proof of leaf `index`: its sibling, then the other pair's hash.
    function _airdropProof(uint256 index) internal view returns (bytes32[] memory proof) {
        bytes32[4] memory leaves;
        for (uint256 i; i < 4; ++i) {
            (,, leaves[i]) = _airdropLeaf(i);
        }
        proof = new bytes32[](2);
        proof[0] = leaves[index ^ 1];
        proof[1] = index < 2 ? _hashPair(leaves[2], leaves[3]) : _hashPair(leaves[0], leaves[1]);
    }

    /// @dev Grants `role` to `account` as governance (the timelock, the AccessManager's admin) would.
    function _grantRole(uint64 role, address account) internal {
        vm.prank(address(timelock));
        accessManager.grantRole(role, account, 0);
    }

    /// @dev Funds `account` from a genesis holder and stakes `amount` for it.
    function _stake(address account, uint256 amount) internal {
        _fund(account, amount);
        vm.startPrank(account);
        token.approve(address(stakeManager), amount);
        stakeManager.stake(amount);
        vm.stopPrank();
    }

    /// @dev Funds `account` from a genesis holder and stakes `amount` for it as a registered validator.
    function _stakeAsValidator(address account, uint256 amount) internal {
        _fund(account, amount);
        vm.startPrank(account);
        token.approve(address(stakeManager), amount);
        stakeManager.stakeAsValidator(amount);
        vm.stopPrank();
    }

    /// @dev Pays `to` from the genesis reserve, a holder like any other (no prank of the timelock). The recipient's
    /// votes stay undelegated, as for anyone who receives a transfer.
    function _fund(address to, uint256 amount) internal {
        vm.prank(genesisReserve);
        assertTrue(token.transfer(to, amount));
    }

    /// @dev Funds `voter` with `amount`, self-delegated, and lets a second pass so the votes count.
    function _giveVotes(address voter, uint256 amount) internal {
        _fund(voter, amount);
        vm.prank(voter);
        token.delegate(voter);
        vm.warp(block.timestamp + 1);
    }

    /// @dev Gives `voter` enough self-delegated votes to propose and to reach quorum alone.
    function _makeVoter(address voter) internal {
        _giveVotes(voter, token.TOTAL_SUPPLY() / 10);
    }

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function _singleCall(address target, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    /// @dev Proposes `p` as `proposer` and moves time to the start of its vote.
    function _proposeAndOpen(Proposal memory p, address proposer) internal returns (uint256 proposalId) {
        vm.prank(proposer);
        proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
        vm.warp(block.timestamp + VOTING_DELAY + 1);
    }

    /// @dev Runs a proposal through propose, vote, queue and execute, with `voter` holding a majority.
    function _pass(Proposal memory p, address voter) internal returns (uint256 proposalId) {
        proposalId = _proposeAndOpen(p, voter);
        vm.prank(voter);
        governor.castVote(proposalId, 1);
        vm.warp(block.timestamp + VOTING_PERIOD);
        bytes32 descriptionHash = keccak256(bytes(p.description));
        governor.queue(p.targets, p.values, p.calldatas, descriptionHash);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        governor.execute(p.targets, p.values, p.calldatas, descriptionHash);
    }

    /*//////////////////////////////////////////////////////////////
                                REGISTRY
    //////////////////////////////////////////////////////////////*/

    uint16 internal constant RAW = 0x55;
    uint16 internal constant DAG_PB = 0x70;

    /// @dev A registration for `artifact`: its raw-leaf CID is exactly its SHA-256, as for any file of one chunk.
    function _registration(bytes memory artifact, uint256 parent, IModelRegistry.Relation relation)
        internal
        pure
        returns (IModelRegistry.Registration memory)
    {
        bytes32 fingerprint = sha256(artifact);
        return IModelRegistry.Registration({
            fingerprint: fingerprint,
            artifactCid: CidV1.encode(RAW, fingerprint),
            metadataCid: CidV1.encode(DAG_PB, sha256(abi.encodePacked("card of ", artifact))),
            kind: IModelRegistry.AssetKind.Model,
            parent: parent,
            relation: relation
        });
    }

    function _registration(bytes memory artifact) internal pure returns (IModelRegistry.Registration memory) {
        return _registration(artifact, 0, IModelRegistry.Relation.None);
    }

    /// @dev Registers `artifact` for `publisher` with the plain path.
    /// @dev Registrations are built before `vm.prank`: `sha256` is a precompile call and would consume the prank.
    function _register(address publisher, bytes memory artifact) internal returns (uint256) {
        IModelRegistry.Registration memory r = _registration(artifact);
        vm.prank(publisher);
        return registry.register(r);
    }

    /*//////////////////////////////////////////////////////////////
                          ROYALTIES AND MARKET
    //////////////////////////////////////////////////////////////*/

    address internal constant ETH = address(0);

    /// @dev Registers `artifact` for `publisher` as a fine-tune of `parent`.
    function _registerDerived(address publisher, bytes memory artifact, uint256 parent) internal returns (uint256) {
        IModelRegistry.Registration memory r = _registration(artifact, parent, IModelRegistry.Relation.FineTune);
        vm.prank(publisher);
        return registry.register(r);
    }

    /// @dev Sets the split of `id` as its `owner` and lets it take `asset`.
    function _setSplit(uint256 id, address owner, address asset, address[] memory accounts, uint32[] memory weights)
        internal
    {
        if (!splitter.isAccepted(id, asset)) {
            vm.prank(owner);
            splitter.acceptToken(id, asset);
        }
        vm.prank(owner);
        splitter.setWeights(id, accounts, weights);
    }

    function _pair(address a, address b) internal pure returns (address[] memory accounts) {
        accounts = new address[](2);
        (accounts[0], accounts[1]) = (a, b);
    }

    function _one(address a) internal pure returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = a;
    }

    function _weights(uint32 a, uint32 b) internal pure returns (uint32[] memory weights) {
        weights = new uint32[](2);
        (weights[0], weights[1]) = (a, b);
    }

    function _weight(uint32 a) internal pure returns (uint32[] memory weights) {
        weights = new uint32[](1);
        weights[0] = a;
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    /// @dev Claims `asset` on `ids` as `account`.
    function _claim(address account, uint256[] memory ids, address asset) internal returns (uint256) {
        vm.prank(account);
        return splitter.claim(ids, asset);
    }

    /*//////////////////////////////////////////////////////////////
                                 SCORING
    //////////////////////////////////////////////////////////////*/

    /// @dev A benchmark: a dataset CID (binary CIDv1, raw) and a metric.
    bytes internal constant DATASET_CID = hex"01551220a3f1c0de5a1e2f7b9c4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d";
    bytes32 internal constant METRIC = "accuracy";

    /// @dev Stakes `amount` for `validator` as a registered validator and enters it in the sortition pool.
    function _joinValidators(address validator, uint256 amount) internal {
        _stakeAsValidator(validator, amount);
        sortitionPool.updateWeight(validator);
    }

    /// @dev `count` validators named `prefix0`, `prefix1`, … staking `amount` each, then one second passes so the
    /// next round's snapshot sees them.
    function _validators(string memory prefix, uint256 count, uint256 amount)
        internal
        returns (address[] memory validators)
    {
        validators = new address[](count);
        for (uint256 i; i < count; ++i) {
            validators[i] = makeAddr(string.concat(prefix, vm.toString(i)));
            _joinValidators(validators[i], amount);
        }
        vm.warp(block.timestamp + 1);
    }

    /// @dev Opens a round on `subject` paid by `funder`, then mines one block so the seed block's hash exists.
    function _openRound(address funder, uint256 subject, uint256 budget, uint256 committeeSize)
        internal
        returns (uint256 roundId)
    {
        _fund(funder, budget);
        vm.startPrank(funder);
        token.approve(address(scoringManager), budget);
        roundId = scoringManager.openRound(subject, DATASET_CID, METRIC, budget, committeeSize);
        vm.stopPrank();
        _nextBlock();
    }

    /// @dev One block and one second later.
    function _nextBlock() internal {
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + 1);
    }

    function _salt(address validator) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", validator));
    }

    /// @dev The evaluation digest an honest validator reveals with `score`: the same outputs give the same score, so
    /// every honest member scoring alike carries the same digest; an abstention carries none.
    function _digestOf(uint8 score) internal pure returns (bytes32) {
        return score == 0 ? bytes32(0) : keccak256(abi.encode("evaluation outputs", score));
    }

    function _commitScore(uint256 roundId, address validator, uint8 score) internal {
        _commitScore(roundId, validator, score, _digestOf(score));
    }

    function _commitScore(uint256 roundId, address validator, uint8 score, bytes32 digest) internal {
        bytes32 commitment = scoringManager.commitmentOf(roundId, validator, score, digest, _salt(validator));
        vm.prank(validator);
        scoringManager.commit(roundId, commitment);
    }

    function _revealScore(uint256 roundId, address validator, uint8 score) internal {
        _revealScore(roundId, validator, score, _digestOf(score));
    }

    function _revealScore(uint256 roundId, address validator, uint8 score, bytes32 digest) internal {
        vm.prank(validator);
        scoringManager.reveal(roundId, score, digest, _salt(validator));
    }

    /// @dev The members of a drawn round, in seat order.
    function _members(uint256 roundId) internal view returns (address[] memory members) {
        members = new address[](scoringManager.round(roundId).seats);
        for (uint256 i; i < members.length; ++i) {
            members[i] = scoringManager.seatAt(roundId, i).validator;
        }
    }

    function _warpToReveal(uint256 roundId) internal {
        vm.warp(uint256(scoringManager.round(roundId).commitDeadline) + 1);
    }

    function _warpPastReveal(uint256 roundId) internal {
        vm.warp(uint256(scoringManager.round(roundId).revealDeadline) + 1);
    }
}
