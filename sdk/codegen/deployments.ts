import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plugin } from '@wagmi/cli'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/**
 * Bundles `deployments/<chainId>.json` (written by `script/Deploy.s.sol`) into the generated file
 * as `deployments`, keyed by chain id. Keys are sorted so the output is byte-stable.
 */
export function deployments({ directory }: { directory: string }): Plugin {
  return {
    name: 'Deployments',
    async run() {
      const files = (await readdir(directory)).filter((file) => /^\d+\.json$/.test(file))
      const entries: string[] = []
      for (const file of files.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))) {
        const path = join(directory, file)
        const deployment = JSON.parse(await readFile(path, 'utf8')) as Json
        const chainId = Number.parseInt(file, 10)
        if (!isObject(deployment) || deployment.chainId !== chainId)
          throw new Error(`${path}: expected an object with "chainId": ${chainId}`)
        entries.push(`${chainId}: ${JSON.stringify(sortKeys(deployment))},`)
      }
      return {
        content: [
          '/** Known deployments by chain id, from `deployments/<chainId>.json` at the repo root. */',
          `export const deployments = {\n${entries.join('\n')}\n} as const`,
        ].join('\n'),
      }
    },
  }
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isObject(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key] as Json)]),
  )
}
