import { expect, test, vi } from 'vitest'

// A dApp that never installed onnxruntime-web (an optional peer dependency): the SDK and /eval
// import, and only an evaluation fails, in words.
vi.mock('onnxruntime-web', () => {
  throw new Error("Cannot find package 'onnxruntime-web'")
})

test('without onnxruntime-web, loadModel throws RuntimeMissingError saying what to install', async () => {
  const { loadModel, RuntimeMissingError, runtimeVersion } = await import(
    '../../../src/eval/index.js'
  )
  expect(runtimeVersion).toBe('onnxruntime-web@1.30.0')
  const error = await loadModel(new Uint8Array([1, 2, 3])).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(RuntimeMissingError)
  expect((error as Error).message).toContain('npm install onnxruntime-web@1.30.0')
})
