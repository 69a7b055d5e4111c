import type { IndexedState } from './state.js'

/**
 * The state's fields that map a key to one record (`models`, `offers`…): `applyLog` reads and
 * writes them one key at a time, so what a log changed is a list of keys. Every other field
 * (`totals`, `validatorSet`, `marketTreasury`, `quorumNumerators`) is one value.
 */
export const recordFields: ReadonlySet<string> = new Set([
  'models',
  'stakers',
  'sortitionWeights',
  'reputations',
  'rounds',
  'challenges',
  'escrows',
  'offences',
  'splits',
  'protocolFees',
  'offers',
  'signedOffers',
  'minNonces',
  'licenses',
  'reviews',
  'royaltyInboxes',
  'proposals',
])

/**
 * What events changed in the state since the last look: the keys of each record field, and the
 * single-value fields. A key is listed when `applyLog` (or a rollback) read or wrote it, so the
 * list is a superset of what changed, never less.
 */
export type StateChanges = {
  /** Keys by record field (`models` → ids…). */
  keys: Map<string, Set<string>>
  /** Single-value fields (and record fields replaced whole). */
  fields: Set<string>
}

export const emptyChanges = (): StateChanges => ({ keys: new Map(), fields: new Set() })

const ABSENT = Symbol('absent')

/**
 * The values that a block's events replaced, as they were before the block: undoing them restores
 * the state before the block (a reorg dropping it), and they are the final state's values of the
 * keys the block touched.
 */
export type Journal = {
  records: Map<string, Map<string, unknown>>
  fields: Map<string, unknown>
}

export const emptyJournal = (): Journal => ({ records: new Map(), fields: new Map() })

/** A deep copy of a record: plain objects, arrays, strings, numbers, bigints, booleans, null. */
export function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(copy) as T
  const out: Record<string, unknown> = {}
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key])
  return out as T
}

const hasOwn = (o: object, key: string) => Object.hasOwn(o, key)

/**
 * The state as `applyLog` sees it when what it touches is recorded: the returned object reads and
 * writes through to `state`, and notes each key of a record field it reads or writes (and each
 * other field) in `changes`, and its value before the first touch in `journal`.
 */
export function tracked(
  state: IndexedState,
  journal: Journal | undefined,
  changes: StateChanges | undefined,
): IndexedState {
  const maps = new Map<string, Record<string, unknown>>()
  const target = state as unknown as Record<string, unknown>

  function touchField(field: string) {
    changes?.fields.add(field)
    if (journal && !journal.fields.has(field))
      journal.fields.set(field, hasOwn(target, field) ? copy(target[field]) : ABSENT)
  }

  function mapOf(field: string, record: Record<string, unknown>) {
    let proxy = maps.get(field)
    if (proxy) return proxy
    let keys = changes?.keys.get(field)
    if (changes && !keys) {
      keys = new Set()
      changes.keys.set(field, keys)
    }
    const touch = (key: string | symbol) => {
      if (typeof key !== 'string') return
      keys?.add(key)
      if (!journal) return
      let saved = journal.records.get(field)
      if (!saved) {
        saved = new Map()
        journal.records.set(field, saved)
      }
      if (!saved.has(key)) saved.set(key, hasOwn(record, key) ? copy(record[key]) : ABSENT)
    }
    proxy = new Proxy(record, {
      get(r, key) {
        touch(key)
        return Reflect.get(r, key)
      },
      has(r, key) {
        touch(key)
        return Reflect.has(r, key)
      },
      set(r, key, value) {
        touch(key)
        return Reflect.set(r, key, value)
      },
      deleteProperty(r, key) {
        touch(key)
        return Reflect.deleteProperty(r, key)
      },
      // `applyLog` never lists a record field; if it did, every key could have changed.
      ownKeys(r) {
        touchField(field)
        return Reflect.ownKeys(r)
      },
    })
    maps.set(field, proxy)
    return proxy
  }

  return new Proxy(target, {
    get(t, field) {
      if (typeof field !== 'string') return Reflect.get(t, field)
      const value = t[field]
      if (recordFields.has(field) && value !== null && typeof value === 'object')
        return mapOf(field, value as Record<string, unknown>)
      touchField(field)
      return value
    },
    set(t, field, value) {
      if (typeof field !== 'string') return Reflect.set(t, field, value)
      touchField(field)
      maps.delete(field)
      t[field] = value
      return true
    },
  }) as unknown as IndexedState
}

/** Restores the values `journal` saved (newest journal first when undoing several), noting them in `changes`. */
export function undo(state: IndexedState, journal: Journal, changes: StateChanges | undefined) {
  const target = state as unknown as Record<string, unknown>
  for (const [field, value] of journal.fields) {
    changes?.fields.add(field)
    if (value === ABSENT) delete target[field]
    else target[field] = value
  }
  for (const [field, saved] of journal.records) {
    const record = target[field] as Record<string, unknown> | undefined
    // A field replaced whole is restored whole, above.
    if (!record || journal.fields.has(field)) continue
    let keys = changes?.keys.get(field)
    if (changes && !keys) {
      keys = new Set()
      changes.keys.set(field, keys)
    }
    for (const [key, value] of saved) {
      keys?.add(key)
      if (value === ABSENT) delete record[key]
      else record[key] = value
    }
  }
}

/**
 * The state before the blocks whose journals are given (oldest first), without changing `state`:
 * a shallow copy where each key those blocks touched has the value the oldest of them saved. The
 * records it shares with `state` are live: serialize or copy it before the next event.
 */
export function before(state: IndexedState, journals: readonly Journal[]): IndexedState {
  if (journals.length === 0) return state
  const out: Record<string, unknown> = { ...(state as unknown as Record<string, unknown>) }
  const copied = new Set<string>()
  // Newest first, so that the oldest journal's value is the one left.
  for (let i = journals.length - 1; i >= 0; i--) {
    const journal = journals[i] as Journal
    for (const [field, value] of journal.fields) {
      copied.add(field)
      if (value === ABSENT) delete out[field]
      // A copy: the keys of older journals are restored into it.
      else out[field] = recordFields.has(field) ? { ...(value as object) } : value
    }
    for (const [field, saved] of journal.records) {
      if (copied.has(field) && journal.fields.has(field)) continue
      if (!copied.has(field)) {
        out[field] = { ...(out[field] as Record<string, unknown>) }
        copied.add(field)
      }
      const record = out[field] as Record<string, unknown>
      for (const [key, value] of saved) {
        if (value === ABSENT) delete record[key]
        else record[key] = value
      }
    }
  }
  return out as unknown as IndexedState
}

/**
 * A journal as JSON holds it (`IndexerCheckpoint.journals`): the values saved, and apart the
 * record keys and fields that were absent.
 */
export type SavedJournal = {
  records: [field: string, key: string, value: unknown][]
  absent: [field: string, key: string][]
  fields: [field: string, value: unknown][]
  absentFields: string[]
}

export function saveJournal(journal: Journal): SavedJournal {
  const saved: SavedJournal = { records: [], absent: [], fields: [], absentFields: [] }
  for (const [field, value] of journal.fields)
    if (value === ABSENT) saved.absentFields.push(field)
    else saved.fields.push([field, value])
  for (const [field, values] of journal.records)
    for (const [key, value] of values)
      if (value === ABSENT) saved.absent.push([field, key])
      else saved.records.push([field, key, value])
  return saved
}

export function restoreJournal(saved: SavedJournal): Journal {
  const journal = emptyJournal()
  for (const field of saved.absentFields) journal.fields.set(field, ABSENT)
  for (const [field, value] of saved.fields) journal.fields.set(field, value)
  const put = (field: string, key: string, value: unknown) => {
    let values = journal.records.get(field)
    if (!values) {
      values = new Map()
      journal.records.set(field, values)
    }
    values.set(key, value)
  }
  for (const [field, key] of saved.absent) put(field, key, ABSENT)
  for (const [field, key, value] of saved.records) put(field, key, value)
  return journal
}
