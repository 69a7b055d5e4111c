import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { commands } from '../../src/cli/commands/index.js'
import { loadCommand, runCli } from '../../src/cli/dispatch.js'

const docs = join(import.meta.dirname, '../../../docs/cli.md')

describe('the commands daimm dispatches to', () => {
  test('each lazy entry loads the command of its name, with the same summary', async () => {
    for (const entry of commands) {
      const command = await loadCommand(entry)
      expect(command.name).toBe(entry.name)
      expect(command.summary).toBe(entry.summary)
      // `start` is another name of `gateway`, and shares its help.
      expect(command.help).toMatch(/^Usage: daimm [a-z]+/)
    }
  })

  test('docs/cli.md lists every command in its table, and only those', async () => {
    const text = await readFile(docs, 'utf8')
    const table = text.slice(
      text.indexOf('| command | what it does |'),
      text.indexOf('`daimm --help` lists the commands'),
    )
    const listed = [...table.matchAll(/^\| \[?`([a-z][a-z-]*)/gm)].map((match) => match[1])
    expect(listed.sort()).toEqual(commands.map((c) => c.name).sort())
    // Each command with a section of its own is linked to it.
    for (const name of commands.map((c) => c.name))
      if (text.includes(`\n## \`daimm ${name}`))
        expect(table).toMatch(new RegExp(`\\[\`${name}[^\`]*\`\\]\\(#daimm-${name}`))
  })

  test('daimm --help prints every name and summary without loading any command', async () => {
    const loaded: string[] = []
    const lazy = commands.map((entry) => ({
      name: entry.name,
      summary: entry.summary,
      load: () => {
        loaded.push(entry.name)
        return loadCommand(entry)
      },
    }))
    let out = ''
    const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true } }
    expect(await runCli(['--help'], io, lazy)).toBe(0)
    expect(await runCli(['--version'], io, lazy)).toBe(0)
    expect(loaded).toEqual([])
    for (const { name } of commands) expect(out).toContain(`  ${name}`)
    for (const { summary } of commands) expect(out).toContain(summary)
    expect(await runCli(['help', 'round'], io, lazy)).toBe(0)
    expect(loaded).toEqual(['round'])
    expect(out).toContain('Usage: daimm round open <id>')
  })
})

describe('daimm starts fast', () => {
  test('--help and --version load neither viem nor any command: the bundle splits them off', async () => {
    const { build } = await import('esbuild')
    const result = await build({
      entryPoints: { main: join(import.meta.dirname, '../../src/cli/main.ts') },
      outdir: join(import.meta.dirname, 'cli-split-out'),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    // What main.js loads before running anything: its static imports, transitively.
    const outputs = result.metafile.outputs
    const loaded = new Set<string>()
    const visit = (path: string) => {
      if (loaded.has(path)) return
      loaded.add(path)
      for (const { path: imported, kind } of outputs[path]?.imports ?? [])
        if (kind === 'import-statement') visit(imported)
    }
    visit(Object.keys(outputs).find((path) => path.endsWith('/main.js')) as string)
    // Packages stay imports (`packages: 'external'`): none but Node's own is loaded.
    const external = [...loaded].filter((path) => !(path in outputs))
    expect(external.filter((path) => !path.startsWith('node:'))).toEqual([])
    const sources = [...loaded].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}))
    expect(sources.filter((source) => source.includes('/commands/'))).toEqual([
      'src/cli/commands/index.ts',
    ])
    const bytes = [...loaded].reduce((sum, path) => sum + (outputs[path]?.bytes ?? 0), 0)
    expect(bytes).toBeLessThan(20_000)
  })
})

describe('formatting', () => {
  test('amounts as viem formats units, grouped; reputations as percentages', async () => {
    const { formatUnits } = await import('viem')
    const { formatAmount, formatReputation } = await import('../../src/cli/format.js')
    for (const [value, decimals] of [
      [0n, 18],
      [1n, 18],
      [10n ** 18n, 18],
      [123_456_789_000_000_000_000_001n, 18],
      [-15n, 1],
      [42n, 0],
    ] as const)
      expect(formatAmount(value, decimals).replaceAll(',', '')).toBe(formatUnits(value, decimals))
    expect(formatAmount(1_234_567n * 10n ** 17n, 18)).toBe('123,456.7')
    expect(formatReputation(5000)).toBe('50%')
    expect(formatReputation(7250)).toBe('72.5%')
    expect(formatReputation(10_000)).toBe('100%')
    expect(formatReputation(1)).toBe('0.01%')
  })
})
