import type { Plugin } from '@wagmi/cli'

/**
 * Wraps a plugin so that generation fails, instead of silently dropping bindings, when one of the
 * wanted contracts is missing from its output (for example when `out/` was not built).
 */
export function requireContracts(plugin: Plugin, names: readonly string[], hint: string): Plugin {
  const { contracts } = plugin
  if (!contracts) throw new Error(`Plugin ${plugin.name} provides no contracts`)
  return {
    ...plugin,
    async contracts() {
      const found = await contracts()
      const missing = names.filter((name) => !found.some((contract) => contract.name === name))
      if (missing.length > 0)
        throw new Error(`${plugin.name}: no artifact for ${missing.join(', ')}. ${hint}`)
      return found
    },
  }
}
