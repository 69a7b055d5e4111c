import { describe, expect, it } from 'vitest'
import { migrate, openDb } from '../src/db.js'

describe('usage_log', () => {
  it('is append-only: the database refuses to change or delete an entry', async () => {
    const db = await openDb({ dataDir: undefined })
    await migrate(db)
    await db.query(
      `INSERT INTO usage_log VALUES (1, 1800000000, '0x7', '0xa', 'key', '0x01', '0x02', '0x00', '0x03')`,
    )
    await expect(db.query('UPDATE usage_log SET at = 0')).rejects.toThrow(/append-only/)
    await expect(db.query('DELETE FROM usage_log')).rejects.toThrow(/append-only/)
    expect(await db.query('SELECT seq FROM usage_log')).toEqual([{ seq: 1 }])
    await db.close()
  })
})
