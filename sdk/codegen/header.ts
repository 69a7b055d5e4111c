import type { Plugin } from '@wagmi/cli'

/** Wraps a plugin so that the generated file starts with `lines` as a comment (a do-not-edit note). */
export function withHeader(plugin: Plugin, lines: readonly string[]): Plugin {
  const { run } = plugin
  if (!run) throw new Error(`Plugin ${plugin.name} writes no code to put a header on`)
  const header = lines.map((line) => `// ${line}`.trimEnd()).join('\n')
  return {
    ...plugin,
    async run(config) {
      const result = await run(config)
      return { ...result, prepend: result.prepend ? `${header}\n\n${result.prepend}` : header }
    },
  }
}
