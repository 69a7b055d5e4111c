import { describe, expect, test } from 'vitest'
import * as cid from '../../src/cid/index.js'
import * as core from '../../src/index.js'
import * as node from '../../src/node.js'
import * as storage from '../../src/storage/index.js'

/** The public API of each entry is pinned: a change here is a change users see. */
describe('exports', () => {
  test('@daimm/sdk/cid', () => {
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

  test('@daimm/sdk/storage', () => {
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

  test('@daimm/sdk/node', () => {
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
    for (const [name, value] of Object.entries(cid)) expect(core, name).toHaveProperty(name, value)
  })
})
