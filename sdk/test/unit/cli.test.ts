import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { DevnetError } from '../../src/cli/errors.js'
import { formatAmount, formatDuration, formatPercent, formatTable } from '../../src/cli/format.js'
import { OutputTail } from '../../src/cli/process.js'
import { findRepoRoot, foundryBin } from '../../src/cli/repo.js'

describe('format', () => {
  test('amounts get thousands separators and keep their fraction', () => {
    expect(formatAmount(10n ** 27n, 18)).toBe('1,000,000,000')
    expect(formatAmount(1_234_500_000_000_000_000n, 18)).toBe('1.2345')
    expect(formatAmount(0n, 18)).toBe('0')
  })

  test('durations use the largest whole unit', () => {
    expect(formatDuration(60n)).toBe('1 minute')
    expect(formatDuration(2n * 86_400n)).toBe('2 days')
    expect(formatDuration(90n)).toBe('90 s')
  })

  test('percentages keep up to two decimals', () => {
    expect(formatPercent(4n, 100n)).toBe('4%')
    expect(formatPercent(1n, 8n)).toBe('12.5%')
  })

  test('tables align their columns', () => {
    expect(
      formatTable(
        ['Name', 'Value'],
        [
          ['a', '1'],
          ['long name', '22'],
        ],
      ),
    ).toBe(
      ['  Name       Value', '  ─────────  ─────', '  a          1', '  long name  22'].join('\n'),
    )
  })
})

describe('OutputTail', () => {
  test('keeps the last lines across chunk boundaries, without colour codes', () => {
    const tail = new OutputTail(2)
    tail.push('one\ntw')
    tail.push('o\n\x1b[31mthree\x1b[0m\nfou')
    expect(tail.toString()).toBe('two\nthree\nfou')
  })
})

describe('repo', () => {
  test('finds the repo root from this file', () => {
    const root = findRepoRoot()
    expect(existsSync(join(root, 'foundry.toml'))).toBe(true)
    expect(existsSync(foundryBin(root, 'anvil'))).toBe(true)
    expect(existsSync(foundryBin(root, 'forge'))).toBe(true)
  })

  test('says how to fix a missing tool or checkout', () => {
    expect(() => foundryBin(tmpdir(), 'forge')).toThrow(DevnetError)
    expect(() => foundryBin(tmpdir(), 'forge')).toThrow(/forge not found .*run `npm install`/)
    expect(() => findRepoRoot(tmpdir())).toThrow(/No foundry.toml found/)
  })

  // The npm relays in node_modules/.bin exit 0 whatever the tool does; a CI that used them could not fail.
  test.each(['forge', 'anvil', 'cast'] as const)(
    '%s and lib/bin/%s pass the exit status on',
    (tool) => {
      const root = findRepoRoot()
      expect(foundryBin(root, tool)).not.toContain(join('node_modules', '.bin'))
      for (const bin of [foundryBin(root, tool), join(root, 'lib/bin', tool)]) {
        const run = spawnSync(bin, ['--no-such-flag'], { encoding: 'utf8' })
        expect(run.status, `${bin} --no-such-flag`).toBe(2)
        expect(spawnSync(bin, ['--version']).status, `${bin} --version`).toBe(0)
      }
    },
  )
})
