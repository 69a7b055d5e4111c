/**
 * The content keys the gateway holds, sealed at rest with its master key (AES-256-GCM, the model id
 * as associated data: a sealed key copied to another model's row does not open).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Queryable } from '../db.js'

export type StoredContentKey = {
  contentKey: Uint8Array
  commercialOnly: boolean
  depositor: string
}

/** Reads a master key: 32 bytes as 64 hex digits (with or without 0x) or base64. */
export function parseMasterKey(text: string): Uint8Array {
  const hex = text.replace(/^0x/, '')
  const bytes = /^[0-9a-fA-F]{64}$/.test(hex)
    ? Buffer.from(hex, 'hex')
    : Buffer.from(text, 'base64')
  if (bytes.byteLength !== 32)
    throw new Error('The gateway master key must be 32 bytes: 64 hex digits or base64.')
  return new Uint8Array(bytes)
}

export function sealContentKey(masterKey: Uint8Array, modelKey: string, contentKey: Uint8Array) {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', masterKey, nonce)
  cipher.setAAD(Buffer.from(modelKey))
  return Buffer.concat([
    nonce,
    cipher.update(contentKey),
    cipher.final(),
    cipher.getAuthTag(),
  ]).toString('base64url')
}

export function openContentKey(
  masterKey: Uint8Array,
  modelKey: string,
  sealed: string,
): Uint8Array {
  const bytes = Buffer.from(sealed, 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', masterKey, bytes.subarray(0, 12))
  decipher.setAAD(Buffer.from(modelKey))
  decipher.setAuthTag(bytes.subarray(bytes.byteLength - 16))
  const key = Buffer.concat([
    decipher.update(bytes.subarray(12, bytes.byteLength - 16)),
    decipher.final(),
  ])
  return new Uint8Array(key)
}

export async function putContentKey(
  db: Queryable,
  masterKey: Uint8Array,
  row: { modelKey: string; contentKey: Uint8Array; depositor: string; commercialOnly: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO content_keys (model_id, sealed_key, depositor, commercial_only, deposited_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (model_id) DO UPDATE SET sealed_key = EXCLUDED.sealed_key, depositor = EXCLUDED.depositor,
       commercial_only = EXCLUDED.commercial_only, deposited_at = EXCLUDED.deposited_at`,
    [
      row.modelKey,
      sealContentKey(masterKey, row.modelKey, row.contentKey),
      row.depositor.toLowerCase(),
      row.commercialOnly,
      Math.floor(Date.now() / 1000),
    ],
  )
}

export async function getContentKey(
  db: Queryable,
  masterKey: Uint8Array,
  modelKey: string,
): Promise<StoredContentKey | undefined> {
  const [row] = await db.query<{ sealed_key: string; commercial_only: boolean; depositor: string }>(
    'SELECT sealed_key, commercial_only, depositor FROM content_keys WHERE model_id = $1',
    [modelKey],
  )
  if (!row) return undefined
  return {
    contentKey: openContentKey(masterKey, modelKey, row.sealed_key),
    commercialOnly: row.commercial_only,
    depositor: row.depositor,
  }
}
