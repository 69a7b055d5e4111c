#!/usr/bin/env node
// The `daimm` bin. The published package runs its build (dist/cli/main.js). A checkout of the repository,
// where src/cli is (the package leaves it out), runs the CLI from source through tsx: `npx daimm` works
// right after `npm install`, with no build step, and never runs a stale build.
import { existsSync } from 'node:fs'

const source = new URL('../src/cli/main.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(source.href)
} else {
  await import('../dist/cli/main.js')
}
