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
      "acceptToken",
      "accessManagerAbi",
      "assetKinds",
      "buyLicense",
      "buyWithSignature",
      "cancelOffer",
      "cancelSignedOffer",
      "castVote",
      "challengeStatuses",
      "cidFromBytes",
      "cidProfiles",
      "cidToBytes",
      "cidToOnchain",
      "claimRoyalties",
      "commitRegistration",
      "computeCid",
      "createCidVerifier",
      "createDaimmClient",
      "daimmGovernorAbi",
      "daimmTokenAbi",
      "defaultCidProfile",
      "delegateVotes",
      "deployments",
      "depositRevenue",
      "deprecateModel",
      "describeImportSettings",
      "escrowStatuses",
      "executeProposal",
      "expireChallenge",
      "fingerprint",
      "getChallenge",
      "getClaimable",
      "getDeployment",
      "getEscrow",
      "getLicense",
      "getLineage",
      "getModel",
      "getOffenceStatus",
      "getOffer",
      "getProposalState",
      "getSplit",
      "getStake",
      "getVotingPower",
      "hasValidLicense",
      "hashArtifact",
      "invalidateNonces",
      "knownChainIds",
      "marketplaceAbi",
      "modelRegistryAbi",
      "modelStatuses",
      "offenceKinds",
      "offenceStatuses",
      "offerTypedData",
      "onchainToCid",
      "openChallenge",
      "parseCid",
      "parseDeployment",
      "profileOf",
      "proposalStates",
      "propose",
      "publishOffer",
      "queueProposal",
      "readByteSource",
      "registerCommitted",
      "registerModel",
      "registerWithSignature",
      "registrationCommitment",
      "registrationTypedData",
      "relations",
      "releaseSlash",
      "requestUnstake",
      "resolveImportSettings",
      "royaltyInboxAbi",
      "royaltyInboxFactoryAbi",
      "royaltySplitterAbi",
      "scoringManagerAbi",
      "setWeights",
      "signOffer",
      "signRegistration",
      "slasherAbi",
      "sortitionPoolAbi",
      "stake",
      "stakeManagerAbi",
      "sweepInbox",
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
