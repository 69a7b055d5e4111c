// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DeployProtocol} from "./DeployProtocol.sol";
import {Script} from "forge-std/Script.sol";
import {VmSafe} from "forge-std/Vm.sol";

/// @title Deploy
/// @notice Deploys DAIMM to any EVM chain and writes `deployments/<chainId>.json`.
/// @dev Local node:
///   forge script script/Deploy.s.sol --rpc-url http://127.0.0.1:8545 --broadcast --private-key <anvil key>
/// Any chain, with a keystore account (`cast wallet import`):
///   forge script script/Deploy.s.sol --rpc-url $RPC_URL --account deployer --broadcast --verify
/// Settings come from the environment, with defaults in `_config` (short periods on a local node, 31337).
/// The genesis distribution comes from the JSON file named by `DAIMM_GENESIS` (see docs/deployment.md); on the local
/// node without it, anvil's ten dev accounts get 1,000,000 DAIMM each, two of them a vesting allocation, and all ten
/// an airdrop leaf. Every chain but the local one needs `DAIMM_GUARDIAN` and `DAIMM_GENESIS`.
contract Deploy is Script, DeployProtocol {
    uint256 internal constant LOCAL_CHAIN_ID = 31_337;
    /// @dev The binary CIDv1 (raw, sha2-256) of sdk/assets/eval/iris-test.csv, the demo's benchmark dataset.
    bytes internal constant IRIS_TEST_CID =
        hex"01551220bbcbc1d0851d68edf8911b9328a2b91856e1b8618c6c1bd69d2400930ec3fb45";

    /// @dev The local genesis: liquid DAIMM per dev account, the two vesting allocations and an airdrop leaf each.
    uint256 internal constant LOCAL_GRANT = 1_000_000 ether;
    uint256 internal constant LOCAL_TEAM_VESTING = 150_000_000 ether;
    uint256 internal constant LOCAL_BACKERS_VESTING = 100_000_000 ether;
    uint256 internal constant LOCAL_AIRDROP_LEAF = 10_000 ether;
    /// @dev Fixed moments, not the deployment's: they are part of the vesting wallets' and the token's init code, so
    /// the local addresses stay the same on every deployment (the SDK ships them). 2026-01-01 and 2100-01-01 UTC.
    uint64 internal constant LOCAL_VESTING_START = 1_767_225_600;
    uint64 internal constant LOCAL_AIRDROP_DEADLINE = 4_102_444_800;

    /// @notice The entry point of `forge script`. It returns nothing, so that a refusal reaches the terminal as its
    /// one-line reason (forge would otherwise try to decode the revert as the return value).
    function run() external {
        deploy();
    }

    /// @notice Deploys and returns the deployment, for tests.
    function deploy() public returns (Deployment memory d) {
        uint256 startBlock = block.number;
        // Outside the local node both must be explicit: refused before anything is broadcast.
        address guardian = _guardian();
        Genesis memory genesis = _genesis();
        vm.startBroadcast();
        (, address deployer,) = vm.readCallers();
        Config memory config = _config(deployer, guardian == address(0) ? deployer : guardian);
        d = _deployProtocol(config, genesis);
        vm.stopBroadcast();

        // A dry run must not overwrite the record of a real deployment.
        if (vm.isContext(VmSafe.ForgeContext.ScriptBroadcast) || vm.isContext(VmSafe.ForgeContext.ScriptResume)) {
            _writeDeployment(d, config, genesis, startBlock);
        }
    }

    /// @dev The guardian can pause every module: outside the local node it must be named, never the deployer by
    /// default. Zero on the local node without `DAIMM_GUARDIAN`, where the deployer (a dev account) guards.
    function _guardian() internal view returns (address guardian) {
        guardian = vm.envOr("DAIMM_GUARDIAN", address(0));
        if (guardian == address(0) && block.chainid != LOCAL_CHAIN_ID) {
            revert(
                string.concat(
                    "DAIMM_GUARDIAN is not set: on chain ",
                    vm.toString(block.chainid),
                    " name the account that may pause modules (it is never the deployer by default)"
                )
            );
        }
    }

    function _config(address deployer, address guardian) internal view returns (Config memory config) {
        bool local = block.chainid == LOCAL_CHAIN_ID;
        config = Config({
            deployer: deployer,
            guardian: guardian,
            salt: vm.envOr("DAIMM_SALT", keccak256("daimm.v1")),
            timelockDelay: vm.envOr("DAIMM_TIMELOCK_DELAY", local ? uint256(60) : 2 days),
            votingDelay: uint48(vm.envOr("DAIMM_VOTING_DELAY", local ? uint256(1) : 1 days)),
            votingPeriod: uint32(vm.envOr("DAIMM_VOTING_PERIOD", local ? uint256(300) : 1 weeks)),
            proposalThreshold: vm.envOr("DAIMM_PROPOSAL_THRESHOLD", uint256(100_000 ether)),
            quorumPercent: vm.envOr("DAIMM_QUORUM_PERCENT", uint256(4)),
            royaltyBps: uint16(vm.envOr("DAIMM_ROYALTY_BPS", uint256(500))),
            maxCommitAge: uint32(vm.envOr("DAIMM_MAX_COMMIT_AGE", uint256(1 days))),
            // Zero: the reward-pool share goes to the timelock until a reward pool exists.
            rewardPool: vm.envOr("DAIMM_REWARD_POOL", address(0)),
            // The timelock is the arbiter and the reverser, so both windows outlast a proposal (about 10 days).
            unbondingPeriod: vm.envOr("DAIMM_UNBONDING_PERIOD", local ? uint256(2 hours) : 28 days),
            challengeWindow: vm.envOr("DAIMM_CHALLENGE_WINDOW", local ? uint256(1 hours) : 14 days),
            escrowPeriod: vm.envOr("DAIMM_ESCROW_PERIOD", local ? uint256(1 hours) : 14 days),
            contributorMinStake: vm.envOr("DAIMM_CONTRIBUTOR_MIN_STAKE", uint256(1000 ether)),
            validatorMinStake: vm.envOr("DAIMM_VALIDATOR_MIN_STAKE", uint256(10_000 ether)),
            challengeBond: vm.envOr("DAIMM_CHALLENGE_BOND", uint256(1000 ether)),
            upstreamBps: uint16(vm.envOr("DAIMM_UPSTREAM_BPS", uint256(1000))),
            upstreamDepth: uint8(vm.envOr("DAIMM_UPSTREAM_DEPTH", uint256(3))),
            protocolFeeBps: uint16(vm.envOr("DAIMM_PROTOCOL_FEE_BPS", uint256(250))),
            commitWindow: uint40(vm.envOr("DAIMM_COMMIT_WINDOW", local ? uint256(10 minutes) : 1 days)),
            revealWindow: uint40(vm.envOr("DAIMM_REVEAL_WINDOW", local ? uint256(10 minutes) : 1 days)),
            reportWindow: uint40(vm.envOr("DAIMM_REPORT_WINDOW", local ? uint256(1 hours) : 7 days)),
            // Locally the demo's benchmark, the bundled Iris test set (sdk/assets/eval/iris-test.csv) on accuracy.
            benchmarkDatasetCid: vm.envOr("DAIMM_BENCHMARK_CID", local ? IRIS_TEST_CID : bytes("")),
            // A short literal, padded: nothing is truncated.
            // forge-lint: disable-next-line(unsafe-typecast)
            benchmarkMetric: vm.envOr("DAIMM_BENCHMARK_METRIC", bytes32("accuracy"))
        });
    }

    /*//////////////////////////////////////////////////////////////
                                GENESIS
    //////////////////////////////////////////////////////////////*/

    /// @dev From the file `DAIMM_GENESIS` names; the dev-account genesis on the local node without one.
    function _genesis() internal view returns (Genesis memory genesis) {
        string memory path = vm.envOr("DAIMM_GENESIS", string(""));
        if (bytes(path).length != 0) return _readGenesis(path);
        if (block.chainid != LOCAL_CHAIN_ID) {
            revert(
                string.concat(
                    "DAIMM_GENESIS is not set: on chain ",
                    vm.toString(block.chainid),
                    " name the genesis distribution file (see docs/deployment.md)"
                )
            );
        }
        return _localGenesis();
    }

    /// @dev `{"grants": [{"account", "amount"}], "vestings": [{"beneficiary", "amount", "start", "duration",
    /// "cliff"}], "airdrop": {"root", "amount", "deadline"}}`, amounts in wei as decimal strings.
    function _readGenesis(string memory path) internal view returns (Genesis memory genesis) {
        string memory json = vm.readFile(path);
        uint256 count;
        while (vm.keyExistsJson(json, _at(".grants", count, ""))) ++count;
        genesis.grants = new Grant[](count);
        for (uint256 i; i < count; ++i) {
            genesis.grants[i] = Grant({
                account: vm.parseJsonAddress(json, _at(".grants", i, ".account")),
                amount: vm.parseJsonUint(json, _at(".grants", i, ".amount"))
            });
        }
        count = 0;
        while (vm.keyExistsJson(json, _at(".vestings", count, ""))) ++count;
        genesis.vestings = new Vesting[](count);
        for (uint256 i; i < count; ++i) {
            genesis.vestings[i] = Vesting({
                beneficiary: vm.parseJsonAddress(json, _at(".vestings", i, ".beneficiary")),
                amount: vm.parseJsonUint(json, _at(".vestings", i, ".amount")),
                start: uint64(vm.parseJsonUint(json, _at(".vestings", i, ".start"))),
                duration: uint64(vm.parseJsonUint(json, _at(".vestings", i, ".duration"))),
                cliff: uint64(vm.parseJsonUint(json, _at(".vestings", i, ".cliff")))
            });
        }
        if (vm.keyExistsJson(json, ".airdrop")) {
            genesis.airdropRoot = vm.parseJsonBytes32(json, ".airdrop.root");
            genesis.airdropAmount = vm.parseJsonUint(json, ".airdrop.amount");
            genesis.airdropDeadline = uint64(vm.parseJsonUint(json, ".airdrop.deadline"));
        }
    }

    function _at(string memory list, uint256 index, string memory field) private pure returns (string memory) {
        return string.concat(list, "[", vm.toString(index), "]", field);
    }

    /// @dev Anvil's ten dev accounts (mnemonic `test test ... junk`) hold 1,000,000 DAIMM each, self-delegated;
    /// account 0 is the team's vesting beneficiary and account 1 the early backers' (vesting from 2026-01-01); each
    /// has an airdrop leaf of 10,000 DAIMM to claim until 2100. The treasury keeps the rest.
    function _localGenesis() internal pure returns (Genesis memory genesis) {
        address[10] memory dev = _devAccounts();
        genesis.grants = new Grant[](dev.length);
        bytes32[] memory leaves = new bytes32[](dev.length);
        for (uint256 i; i < dev.length; ++i) {
            genesis.grants[i] = Grant({account: dev[i], amount: LOCAL_GRANT});
            leaves[i] = keccak256(bytes.concat(keccak256(abi.encode(dev[i], LOCAL_AIRDROP_LEAF))));
        }
        genesis.vestings = new Vesting[](2);
        uint64 start = LOCAL_VESTING_START;
        genesis.vestings[0] = Vesting({
            beneficiary: dev[0], amount: LOCAL_TEAM_VESTING, start: start, duration: 4 * 365 days, cliff: 365 days
        });
        genesis.vestings[1] = Vesting({
            beneficiary: dev[1], amount: LOCAL_BACKERS_VESTING, start: start, duration: 2 * 365 days, cliff: 180 days
        });
        genesis.airdropRoot = _merkleRoot(leaves);
        genesis.airdropAmount = LOCAL_AIRDROP_LEAF * dev.length;
        genesis.airdropDeadline = LOCAL_AIRDROP_DEADLINE;
    }

    function _devAccounts() internal pure returns (address[10] memory) {
        return [
            0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266,
            0x70997970C51812dc3A010C7d01b50e0d17dc79C8,
            0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,
            0x90F79bf6EB2c4f870365E785982E1f101E93b906,
            0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65,
            0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc,
            0x976EA74026E726554dB657fA54763abd0C3a0aa9,
            0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,
            0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f,
            0xa0Ee7A142d267C1f36714E4a8F75612F20a79720
        ];
    }

    /// @dev Root of the tree whose bottom layer is `leaves` in order: adjacent nodes are hashed sorted (OpenZeppelin's
    /// `MerkleProof`), an odd last node moves up unchanged. `sdk/test/integration` builds proofs the same way.
    function _merkleRoot(bytes32[] memory leaves) internal pure returns (bytes32) {
        uint256 width = leaves.length;
        while (width > 1) {
            for (uint256 i; i < width; i += 2) {
                leaves[i / 2] = i + 1 == width ? leaves[i] : _hashPair(leaves[i], leaves[i + 1]);
            }
            width = (width + 1) / 2;
        }
        return leaves[0];
    }

    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /*//////////////////////////////////////////////////////////////
                                 RECORD
    //////////////////////////////////////////////////////////////*/

    function _writeDeployment(Deployment memory d, Config memory config, Genesis memory genesis, uint256 startBlock)
        internal
    {
        string memory contracts = "contracts";
        vm.serializeAddress(contracts, "accessManager", address(d.accessManager));
        vm.serializeAddress(contracts, "timelock", address(d.timelock));
        vm.serializeAddress(contracts, "token", address(d.token));
        vm.serializeAddress(contracts, "governor", address(d.governor));
        vm.serializeAddress(contracts, "registry", address(d.registry));
        vm.serializeAddress(contracts, "stakeManager", address(d.stakeManager));
        vm.serializeAddress(contracts, "slasher", address(d.slasher));
        vm.serializeAddress(contracts, "inboxFactory", address(d.inboxFactory));
        vm.serializeAddress(contracts, "splitter", address(d.splitter));
        vm.serializeAddress(contracts, "market", address(d.market));
        vm.serializeAddress(contracts, "sortitionPool", address(d.sortitionPool));
        vm.serializeAddress(contracts, "scoring", address(d.scoring));
        string memory contractsJson = vm.serializeAddress(contracts, "usageAnchors", address(d.usageAnchors));

        string memory genesisKey = "genesis";
        address[] memory wallets = new address[](d.vestingWallets.length);
        for (uint256 i; i < wallets.length; ++i) {
            wallets[i] = address(d.vestingWallets[i]);
        }
        vm.serializeAddress(genesisKey, "vestingWallets", wallets);
        vm.serializeBytes32(genesisKey, "airdropRoot", genesis.airdropRoot);
        vm.serializeUint(genesisKey, "airdropAmount", genesis.airdropAmount);
        string memory genesisJson = vm.serializeUint(genesisKey, "airdropDeadline", genesis.airdropDeadline);

        string memory root = "deployment";
        vm.serializeUint(root, "chainId", block.chainid);
        vm.serializeUint(root, "startBlock", startBlock);
        vm.serializeAddress(root, "deployer", config.deployer);
        vm.serializeAddress(root, "guardian", config.guardian);
        vm.serializeBytes32(root, "salt", config.salt);
        vm.serializeString(root, "genesis", genesisJson);
        string memory json = vm.serializeString(root, "contracts", contractsJson);

        string memory path = string.concat(vm.projectRoot(), "/deployments/", vm.toString(block.chainid), ".json");
        vm.writeJson(json, path);
    }
}
