import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DevnetError } from './errors.js'

/** The Foundry tools the repo installs from npm (`@foundry-rs/<tool>`). */
export type FoundryTool = 'anvil' | 'cast' | 'forge'

/** Walks up from `from` (default: this file) to the directory that holds `foundry.toml`. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'foundry.toml'))) return dir
    if (dirname(dir) === dir)
      throw new DevnetError(
        `No foundry.toml found in ${from} or any parent directory: the devnet runs from a checkout of the DAIMM repo.`,
      )
  }
}

/**
 * Path of a Foundry tool installed in the repo's node_modules: the platform binary of
 * `@foundry-rs/<tool>`. Never the npm relay in `node_modules/.bin`, which exits 0 whatever the tool
 * does (`@foundry-rs/forge` 1.7.1) and keeps signals from the tool.
 */
export function foundryBin(root: string, tool: FoundryTool): string {
  const name = process.platform === 'win32' ? `${tool}.exe` : tool
  const arch = { arm64: 'arm64', x64: 'amd64' }[process.arch as string]
  const platformPackage = `@foundry-rs/${tool}-${process.platform}-${arch ?? process.arch}`
  try {
    const binary = createRequire(join(root, 'package.json')).resolve(
      `${platformPackage}/bin/${name}`,
    )
    if (existsSync(binary)) return binary
  } catch {
    // Not installed: said below.
  }
  throw new DevnetError(
    `${tool} not found in ${join(root, 'node_modules')} (${platformPackage}): run \`npm install\` at the repo root (${root}).`,
  )
}
