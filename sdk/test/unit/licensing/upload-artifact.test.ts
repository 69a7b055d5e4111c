import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FileReadError } from '../../../src/cid/errors.js'
import { gatewayRequestHeaders } from '../../../src/licensing/gateway-request.js'
import { GatewayRefusedError, uploadArtifact } from '../../../src/licensing/index.js'

const signer = privateKeyToAccount(`0x${'11'.repeat(32)}`)

/** A gateway that keeps what it was sent and answers `status`. */
function gatewayAnswering(status: number) {
  const sent: { headers: Headers; body: Uint8Array }[] = []
  const fetch = (async (_url: URL, init: RequestInit) => {
    const body = new Uint8Array(await new Response(init.body).arrayBuffer())
    sent.push({ headers: new Headers(init.headers), body })
    const answer = status === 200 ? { cid: 'bafy', fingerprint: '0x', size: body.length } : {}
    return Response.json(answer, { status })
  }) as unknown as typeof globalThis.fetch
  return { sent, parameters: { gatewayUrl: 'http://gateway.test', signer, chainId: 31337, fetch } }
}

describe('uploadArtifact', () => {
  let dir: string
  let path: string
  // More than one read of the file hasher (1 MiB).
  const bytes = randomBytes(2_500_000)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daimm-upload-'))
    path = join(dir, 'artifact.enc')
    await writeFile(path, bytes)
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('streams the file, signed over its SHA-256', async () => {
    const { sent, parameters } = gatewayAnswering(200)
    const uploaded = await uploadArtifact({ ...parameters, path })
    expect(uploaded.size).toBe(bytes.length)
    expect(sent).toHaveLength(1)
    const [request] = sent
    expect(request?.headers.get(gatewayRequestHeaders.bodyHash)).toBe(
      `0x${createHash('sha256').update(bytes).digest('hex')}`,
    )
    expect(request?.headers.get('content-type')).toBe('application/octet-stream')
    expect(Buffer.from(request?.body ?? []).equals(bytes)).toBe(true)
  })

  test('a file it cannot read throws FileReadError, before any request', async () => {
    const { sent, parameters } = gatewayAnswering(200)
    const missing = join(dir, 'missing.enc')
    const error = await uploadArtifact({ ...parameters, path: missing }).catch((e) => e)
    expect(error).toBeInstanceOf(FileReadError)
    expect(error.code).toBe('ENOENT')
    await expect(uploadArtifact({ ...parameters, path: dir })).rejects.toThrow(FileReadError)
    expect(sent).toHaveLength(0)
  })

  test('a refusal throws GatewayRefusedError', async () => {
    const { parameters } = gatewayAnswering(413)
    const error = await uploadArtifact({ ...parameters, path }).catch((e) => e)
    expect(error).toBeInstanceOf(GatewayRefusedError)
    expect(error.status).toBe(413)
  })
})
