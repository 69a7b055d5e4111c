import { expect, test } from 'vitest'
import * as cid from '../../src/cid/index.js'
import * as sdk from '../../src/index.js'
import * as node from '../../src/node.js'
import * as storage from '../../src/storage/index.js'

// Pins the public API: an export added or removed shows up here, in review.
test('@daimm/sdk exports', () => {
  expect(Object.keys(sdk).sort()).toMatchInlineSnapshot(`
    [
      "CID",
      "CidMismatchError",
      "ContractError",
      "DaimmError",
      "InvalidByteSourceError",
      "InvalidCidError",
      "InvalidDeploymentError",
      "InvalidImportSettingsError",
      "MAX_ONCHAIN_CODEC",
      "TransactionRevertedError",
      "UnknownDeploymentError",
      "UnsupportedCidError",
      "WalletRequiredError",
      "accessManagerAbi",
      "assetKinds",
      "castVote",
      "cidFromBytes",
      "cidProfiles",
      "cidToBytes",
      "cidToOnchain",
      "commitRegistration",
      "computeCid",
      "createCidVerifier",
      "createDaimmClient",
      "daimmGovernorAbi",
      "daimmTokenAbi",
      "defaultCidProfile",
      "delegateVotes",
      "deployments",
      "deprecateModel",
      "describeImportSettings",
      "executeProposal",
      "fingerprint",
      "getDeployment",
      "getLineage",
      "getModel",
      "getProposalState",
      "getStake",
      "getVotingPower",
      "hashArtifact",
      "knownChainIds",
      "marketplaceAbi",
      "modelRegistryAbi",
      "modelStatuses",
      "onchainToCid",
      "parseCid",
      "parseDeployment",
      "profileOf",
      "proposalStates",
      "propose",
      "queueProposal",
      "readByteSource",
      "registerCommitted",
      "registerModel",
      "registerWithSignature",
      "registrationCommitment",
      "registrationTypedData",
      "relations",
      "requestUnstake",
      "resolveImportSettings",
      "royaltyInboxAbi",
      "royaltyInboxFactoryAbi",
      "royaltySplitterAbi",
      "scoringManagerAbi",
      "signRegistration",
      "slasherAbi",
      "sortitionPoolAbi",
      "stake",
      "stakeManagerAbi",
      "timelockControllerAbi",
      "updateModelMetadata",
      "verifyCid",
      "voteSupports",
      "withdrawStake",
    ]
  `)
})

test('@daimm/sdk/cid exports', () => {
  expect(Object.keys(cid).sort()).toMatchInlineSnapshot(`
    [
      "CID",
      "CidMismatchError",
      "InvalidByteSourceError",
      "InvalidCidError",
      "InvalidImportSettingsError",
      "MAX_ONCHAIN_CODEC",
      "UnsupportedCidError",
      "cidProfiles",
      "cidToOnchain",
      "computeCid",
      "createCidVerifier",
      "defaultCidProfile",
      "describeImportSettings",
      "fingerprint",
      "hashArtifact",
      "onchainToCid",
      "parseCid",
      "profileOf",
      "readByteSource",
      "resolveImportSettings",
      "verifyCid",
    ]
  `)
})

test('@daimm/sdk/storage exports', () => {
  expect(Object.keys(storage).sort()).toMatchInlineSnapshot(`
    [
      "CidMismatchError",
      "ContentNotFoundError",
      "ImportSettingsIgnoredError",
      "StorageRequestError",
      "createGatewayReader",
      "createKuboStore",
      "kuboAddQuery",
    ]
  `)
})

test('@daimm/sdk/node exports', () => {
  expect(Object.keys(node).sort()).toMatchInlineSnapshot(`
    [
      "FileReadError",
      "computeFileCid",
      "createLocalStore",
      "fingerprintFile",
      "hashArtifactFile",
    ]
  `)
})

test('@daimm/sdk re-exports all of @daimm/sdk/cid', () => {
  for (const [name, value] of Object.entries(cid)) expect(sdk, name).toHaveProperty(name, value)
})
