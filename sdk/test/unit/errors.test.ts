import { describe, expect, test } from 'vitest'
import { DaimmError, UnknownDeploymentError } from '../../src/index.js'

describe('DaimmError', () => {
  test('joins the short message, meta messages and details into the message', () => {
    const error = new DaimmError('Something failed.', {
      metaMessages: ['Try this.', 'Or that.'],
      details: 'node said no',
    })
    expect(error.shortMessage).toBe('Something failed.')
    expect(error.metaMessages).toEqual(['Try this.', 'Or that.'])
    expect(error.details).toBe('node said no')
    expect(error.message).toBe('Something failed.\n\nTry this.\nOr that.\n\nDetails: node said no')
    expect(error.name).toBe('DaimmError')
  })

  test('takes its details from its cause', () => {
    const cause = new Error('ECONNREFUSED 127.0.0.1:5001')
    const error = new DaimmError('Kubo did not answer.', { cause })
    expect(error.cause).toBe(cause)
    expect(error.details).toBe('ECONNREFUSED 127.0.0.1:5001')
    const wrapped = new DaimmError('Upload failed.', { cause: error })
    expect(wrapped.details).toBe('ECONNREFUSED 127.0.0.1:5001')
    expect(wrapped.walk()).toBe(cause)
    expect(wrapped.walk((e) => e instanceof DaimmError && e !== wrapped)).toBe(error)
    expect(wrapped.walk(() => false)).toBeNull()
  })

  test('keeps a plain message as it was for errors built from one string', () => {
    const error = new UnknownDeploymentError({ chainId: 1, knownChainIds: [31337] })
    expect(error.message).toBe(error.shortMessage)
    expect(error.details).toBeUndefined()
    expect(error).toBeInstanceOf(DaimmError)
  })
})
