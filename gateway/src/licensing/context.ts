import type { Address, Hex, PublicClient } from 'viem'
import type { Db } from '../db.js'
import type { DaimmClient, LocalStore } from './sdk.js'

export type LicensingLimits = {
  /** Largest upload, in bytes (default 512 MiB). */
  uploadBytes: number
  /** Largest inference request body, in bytes (default 1 MiB), and elements over all inputs (default 100,000). */
  inferBodyBytes: number
  inferElements: number
  /** Longest inference, in ms (default 5,000). */
  inferTimeoutMs: number
  /** Inference requests per minute per licensee (default 60; 0: none). */
  inferPerMinute: number
}

export const defaultLicensingLimits: LicensingLimits = {
  uploadBytes: 512 * 1024 * 1024,
  inferBodyBytes: 1024 * 1024,
  inferElements: 100_000,
  inferTimeoutMs: 5000,
  inferPerMinute: 60,
}

/** What the licensing routes need besides the database: the chain at its head, keys, the store. */
export type LicensingContext = {
  db: Db
  chainId: number
  /** The gateway's identity, as signed requests name it (default: its URL's origin). */
  identity(): string
  masterKey: Uint8Array
  publicClient: PublicClient
  /** Reads at the chain's head. */
  daimm: DaimmClient
  /** Where uploads go and where the gateway reads ciphertexts to run inference. */
  store: LocalStore
  limits: LicensingLimits
}

export type ChainModel = { id: Hex; owner: Address; artifactCid: string; status: string }
