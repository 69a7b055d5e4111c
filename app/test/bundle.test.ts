/**
 * The initial JavaScript (the entry and what index.html preloads) stays within 250 KB gzipped, and
 * onnxruntime-web is not in it: it is in the evaluation worker's bundle, loaded when an evaluation
 * starts. Builds the app with Vite into a temporary directory.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { afterAll, expect, test } from 'vitest'

const appDir = fileURLToPath(new URL('..', import.meta.url))
const outDir = mkdtempSync(join(tmpdir(), 'daimm-app-build-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

test('the initial JavaScript is at most 250 KB gzipped, without onnxruntime-web', async () => {
  // vitest sets NODE_ENV=test, which would give React's development build.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root: appDir,
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  // onnxruntime-web's WebAssembly once: the file the worker loads, no unused copy.
  expect(readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.wasm'))).toHaveLength(1)
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const scripts = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
  ].map((m) => m[1] as string)
  expect(scripts.length).toBeGreaterThan(0)
  let gzipped = 0
  for (const src of scripts) {
    const code = readFileSync(join(outDir, src))
    gzipped += gzipSync(code).byteLength
    expect(code.toString(), `${src} must not carry onnxruntime-web`).not.toContain(
      'InferenceSession',
    )
  }
  console.log(`initial JS: ${scripts.join(', ')}: ${(gzipped / 1024).toFixed(1)} KB gzipped`)
  expect(gzipped).toBeLessThanOrEqual(250 * 1024)
}, 180_000)
