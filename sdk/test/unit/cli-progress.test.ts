import { describe, expect, test } from 'vitest'
import type { Command } from '../../src/cli/command.js'
import { runCli } from '../../src/cli/dispatch.js'
import { formatBytes } from '../../src/cli/format.js'
import { ProgressBar } from '../../src/cli/progress.js'

function terminal(isTTY: boolean) {
  const writes: string[] = []
  return { writes, isTTY, columns: 100, write: (text: string) => writes.push(text) }
}

describe('ProgressBar', () => {
  test('draws on a terminal, at most ten times a second, and clears itself', () => {
    const stderr = terminal(true)
    const bar = new ProgressBar(stderr, { label: 'hashing model.onnx', total: 1024 ** 3 })
    const start = Date.now()
    bar.update(256 * 1024 ** 2, start + 1000)
    bar.update(300 * 1024 ** 2, start + 1050) // too soon: skipped
    bar.update(1024 ** 3, start + 1060) // the end is always drawn
    bar.done()
    expect(stderr.writes).toHaveLength(3)
    expect(stderr.writes[0]).toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's erase-line code
      /^\rhashing model\.onnx █+░+ {2}25% {2}256\.0 MiB \/ 1\.0 GiB {2}2\d\d\.\d MiB\/s\x1b\[K$/,
    )
    expect(stderr.writes[1]).toMatch(/ 100% {2}1\.0 GiB \/ 1\.0 GiB /)
    expect(stderr.writes[2]).toBe('\r\x1b[K')
  })

  test('stays silent when stderr is not a terminal', () => {
    const stderr = terminal(false)
    const bar = new ProgressBar(stderr, { label: 'hashing', total: 10 })
    bar.update(5)
    bar.done()
    expect(bar.enabled).toBe(false)
    expect(stderr.writes).toEqual([])
  })

  test('formats byte counts in binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(1024 ** 3)).toBe('1.0 GiB')
  })
})

describe('runCli', () => {
  test('reports an unexpected error as a bug, with its stack', async () => {
    const broken: Command = {
      name: 'broken',
      summary: 'fails',
      help: '',
      run: async () => {
        throw new TypeError('oops')
      },
    }
    const stdout = terminal(false)
    const stderr = terminal(false)
    expect(await runCli(['broken'], { stdout, stderr }, [broken])).toBe(1)
    expect(stderr.writes.join('')).toMatch(
      /^daimm broken: unexpected error, please report it[^\n]*\nTypeError: oops\n/,
    )
  })
})
