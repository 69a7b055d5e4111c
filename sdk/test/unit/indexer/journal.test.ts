import type { Hex } from 'viem'
import { expect, test } from 'vitest'
import {
  type ApplyContext,
  applyLog,
  type IndexedLog,
  keysOf,
} from '../../../src/indexer/apply-log.js'
import {
  before,
  copy,
  emptyChanges,
  emptyJournal,
  type Journal,
  recordFields,
  tracked,
  undo,
} from '../../../src/indexer/journal.js'
import { emptyState, type IndexedState } from '../../../src/indexer/state.js'
import { random, randomLogs } from './random-logs.js'

function applyAll(state: IndexedState, logs: IndexedLog[]) {
  const context: ApplyContext = { superseding: new Set<Hex>() }
  for (const log of logs) applyLog(state, log, context)
}

test.each([1, 2, 3, 4, 5, 6, 7, 8])(
  'journals undo blocks, give the state before them, and list every key that changed (seed %i)',
  (seed) => {
    const next = random(seed)
    const blocks = Array.from({ length: 12 }, (_, b) =>
      Array.from({ length: 1 + Math.floor(next() * 8) }, () =>
        randomLogs(next, BigInt(b + 1)),
      ).flat(),
    )
    // The first half final, the rest recent.
    const plain = emptyState()
    const state = emptyState()
    const snapshots: IndexedState[] = []
    const journals: Journal[] = []
    const changes = emptyChanges()
    for (const [b, logs] of blocks.entries()) {
      snapshots.push(copy(state))
      applyAll(plain, logs)
      const journal = b >= 6 ? emptyJournal() : undefined
      const context: ApplyContext = { superseding: new Set<Hex>() }
      for (const log of logs) applyLog(tracked(state, journal, changes), log, context)
      if (journal) journals.push(journal)
      // Applied through the tracker, the state is the one applied directly.
      expect(state).toEqual(plain)
    }
    // Every record that differs from the empty state was listed.
    const start = emptyState() as unknown as Record<string, Record<string, unknown>>
    const end = state as unknown as Record<string, Record<string, unknown>>
    for (const field of recordFields)
      for (const key of new Set([
        ...Object.keys(start[field] ?? {}),
        ...Object.keys(end[field] ?? {}),
      ]))
        if (JSON.stringify(start[field]?.[key], big) !== JSON.stringify(end[field]?.[key], big))
          expect(changes.keys.get(field)?.has(key), `${field} ${key}`).toBe(true)
    for (const field of Object.keys(end))
      if (
        !recordFields.has(field) &&
        JSON.stringify(start[field], big) !== JSON.stringify(end[field], big)
      )
        expect(changes.fields.has(field), field).toBe(true)

    // The final state (before the recent blocks), without changing the live one.
    const live = copy(state)
    expect(before(state, journals)).toEqual(snapshots[6])
    expect(state).toEqual(live)
    // Undoing recent blocks newest first steps back block by block.
    for (let b = 11; b >= 6; b--) {
      const undone = emptyChanges()
      undo(state, journals[b - 6] as Journal, undone)
      expect(state).toEqual(snapshots[b])
    }
  },
)

test.each([11, 12, 13, 14, 15, 16])(
  'keysOf lists every record a log touches: applied to a state holding only those, it gives them what the whole state gives (seed %i)',
  (seed) => {
    const next = random(seed)
    const full = emptyState()
    const context: ApplyContext = { superseding: new Set<Hex>() }
    let checked = 0
    for (let i = 0; i < 400; i++)
      for (const log of randomLogs(next, BigInt(1 + Math.floor(i / 10)))) {
        const { records, fields } = keysOf(log)
        // What applyLog reads or writes, recorded on the whole state, is listed.
        const seen = emptyChanges()
        // The partial state: the single values and the listed records only.
        const partial = emptyState() as unknown as Record<string, Record<string, unknown>>
        const whole = full as unknown as Record<string, Record<string, unknown>>
        for (const field of Object.keys(whole))
          if (!recordFields.has(field)) partial[field] = copy(whole[field]) as never
        for (const [field, key] of records)
          if (whole[field] && Object.hasOwn(whole[field], key))
            (partial[field] as Record<string, unknown>)[key] = copy(whole[field][key])
        const partialContext: ApplyContext = { superseding: new Set(context.superseding) }
        applyLog(tracked(full, undefined, seen), log, context)
        applyLog(partial as unknown as IndexedState, log, partialContext)
        for (const [field, keys] of seen.keys)
          for (const key of keys)
            expect(records, `${log.eventName}: ${field} ${key}`).toContainEqual([field, key])
        for (const field of seen.fields)
          expect(fields, `${log.eventName}: ${field}`).toContain(field)
        for (const [field, key] of records)
          expect(partial[field]?.[key], `${log.eventName}: ${field} ${key}`).toEqual(
            whole[field]?.[key],
          )
        for (const field of fields) expect(partial[field]).toEqual(whole[field])
        checked++
      }
    expect(checked).toBeGreaterThan(400)
  },
)

const big = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)
