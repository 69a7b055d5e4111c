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
contract Deploy is Script, DeployProtocol {
    uint256 internal constant LOCAL_CHAIN_ID = 31_337;
    /// @dev The binary CIDv1 (raw, sha2-256) of sdk/assets/eval/iris-test.csv, the demo's benchmark dataset.
    bytes internal constant IRIS_TEST_CID =
        hex"01551220bbcbc1d0851d68edf8911b9328a2b91856e1b8618c6c1bd69d2400930ec3fb45";

    function run() external returns (Deployment memory d) {
        uint256 startBlock = block.number;
        vm.startBroadcast();
        (, address deployer,) = vm.readCallers();
        Config memory config = _config(deployer);
        d = _deployProtocol(config);
        vm.stopBroadcast();

        // A dry run must not overwrite the record of a real deployment.
        if (vm.isContext(VmSafe.ForgeContext.ScriptBroadcast) || vm.isContext(VmSafe.ForgeContext.ScriptResume)) {
            _writeDeployment(d, config, startBlock);
        }
    }

    function _config(address deployer) internal view returns (Config memory config) {
        bool local = block.chainid == LOCAL_CHAIN_ID;
        config = Config({
            deployer: deployer,
            guardian: vm.envOr("DAIMM_GUARDIAN", deployer),
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

    function _writeDeployment(Deployment memory d, Config memory config, uint256 startBlock) internal {
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
        string memory contractsJson = vm.serializeAddress(contracts, "scoring", address(d.scoring));

        string memory root = "deployment";
        vm.serializeUint(root, "chainId", block.chainid);
        vm.serializeUint(root, "startBlock", startBlock);
        vm.serializeAddress(root, "deployer", config.deployer);
        vm.serializeAddress(root, "guardian", config.guardian);
        vm.serializeBytes32(root, "salt", config.salt);
        string memory json = vm.serializeString(root, "contracts", contractsJson);

        string memory path = string.concat(vm.projectRoot(), "/deployments/", vm.toString(block.chainid), ".json");
        vm.writeJson(json, path);
    }
}
