// The SDK's conventions (docs/sdk.md, "Conventions"), held over the public types. The type assertions
// are checked by `tsc --noEmit` (this file is in the project); the runtime ones by vitest.
import type { Account, Hex } from 'viem'
import { describe, expect, expectTypeOf, test } from 'vitest'
import type { DaimmContext } from '../../src/actions/context.js'
import type { DaimmClient } from '../../src/client.js'
import * as root from '../../src/index.js'
import * as governance from '../../src/namespaces/governance.js'
import * as market from '../../src/namespaces/market.js'
import * as registry from '../../src/namespaces/registry.js'
import * as royalties from '../../src/namespaces/royalties.js'
import * as scoring from '../../src/namespaces/scoring.js'
import * as slashing from '../../src/namespaces/slashing.js'
import * as staking from '../../src/namespaces/staking.js'
import * as usage from '../../src/namespaces/usage.js'

type Namespace = Exclude<keyof DaimmClient, 'deployment' | 'calls'>
// biome-ignore lint/suspicious/noExplicitAny: any action
type AnyFunction = (...args: any[]) => any

/** The exports of a namespace entry that are actions: functions taking the context first. */
type ActionsOf<entry> = {
  [name in keyof entry as name extends 'callsOf' | 'sendOf'
    ? never
    : entry[name] extends (ctx: infer C, ...p: infer _) => unknown
      ? [C] extends [DaimmContext]
        ? [DaimmContext] extends [C]
          ? name
          : never
        : never
      : never]: entry[name]
}
/** A function's parameters and result (of its last overload: the client's general one). */
type Signature<f> = f extends (...p: infer P) => infer R ? { parameters: P; result: R } : never
type Unbound<f> = f extends (ctx: DaimmContext, ...p: infer P) => infer R ? (...p: P) => R : never
type StandaloneSignatures<entry> = {
  [name in keyof ActionsOf<entry>]: Signature<Unbound<ActionsOf<entry>[name]>>
}
type ClientSignatures<ns extends Namespace> = {
  [name in keyof DaimmClient[ns]]: Signature<DaimmClient[ns][name]>
}

type Depth = [never, 0, 1, 2, 3, 4, 5, 6, 7]
/** Not searched: values, and viem's accounts (their signing methods take viem's own types). */
type Leaf = bigint | string | number | boolean | null | undefined | symbol | Uint8Array | Account

/** True when a `Date` is anywhere in `T`, to a depth of 8 (callbacks' arguments: see `WatchedEvents`). */
type ContainsDate<T, D extends number = 8> = [D] extends [never]
  ? false
  : T extends Date
    ? true
    : T extends Leaf
      ? false
      : T extends AnyFunction
        ? false
        : T extends readonly (infer E)[]
          ? ContainsDate<E, Depth[D]>
          : T extends object
            ? true extends { [K in keyof T]-?: ContainsDate<T[K], Depth[D]> }[keyof T]
              ? true
              : false
            : false

/** Properties that hold a model (or dataset) id. */
type ModelIdKey = 'modelId' | 'parent' | 'subjectId' | 'datasetId' | 'sourceModelId'

/** The model-id properties in an output that are not exactly `Hex` (null aside). */
type NonHexOutputIds<T, D extends number = 8> = [D] extends [never]
  ? never
  : T extends Leaf | Date
    ? never
    : T extends AnyFunction
      ? never
      : T extends readonly (infer E)[]
        ? NonHexOutputIds<E, Depth[D]>
        : T extends object
          ? {
              [K in keyof T]-?: K extends ModelIdKey
                ? [Exclude<T[K], null | undefined>] extends [Hex]
                  ? [Hex] extends [Exclude<T[K], null | undefined>]
                    ? never
                    : K
                  : K
                : NonHexOutputIds<T[K], Depth[D]>
            }[keyof T]
          : never

/** The model-id properties in an input that do not accept `Hex`. */
type NonHexInputIds<T, D extends number = 8> = [D] extends [never]
  ? never
  : T extends Leaf | Date
    ? never
    : T extends AnyFunction
      ? never
      : T extends readonly (infer E)[]
        ? NonHexInputIds<E, Depth[D]>
        : T extends object
          ? {
              [K in keyof T]-?: K extends ModelIdKey
                ? Hex extends Exclude<T[K], undefined>
                  ? never
                  : K
                : NonHexInputIds<T[K], Depth[D]>
            }[keyof T]
          : never

type Methods = { [ns in Namespace]: DaimmClient[ns][keyof DaimmClient[ns]] }[Namespace]
type Inputs = Parameters<Extract<Methods, AnyFunction>>
type Outputs = Awaited<ReturnType<Extract<Methods, AnyFunction>>>
/** What watch helpers hand their callbacks. */
type WatchedEvents = root.RoundEvent | root.LicenseEvent | root.OfferEvent

describe('one convention over the public types', () => {
  test('standalone actions carry the client’s names and types, namespace by namespace', () => {
    expectTypeOf<StandaloneSignatures<typeof registry>>().toEqualTypeOf<
      ClientSignatures<'registry'>
    >()
    expectTypeOf<StandaloneSignatures<typeof staking>>().toEqualTypeOf<
      ClientSignatures<'staking'>
    >()
    expectTypeOf<StandaloneSignatures<typeof governance>>().toEqualTypeOf<
      ClientSignatures<'governance'>
    >()
    expectTypeOf<StandaloneSignatures<typeof slashing>>().toEqualTypeOf<
      ClientSignatures<'slashing'>
    >()
    expectTypeOf<StandaloneSignatures<typeof scoring>>().toEqualTypeOf<
      ClientSignatures<'scoring'>
    >()
    expectTypeOf<StandaloneSignatures<typeof royalties>>().toEqualTypeOf<
      ClientSignatures<'royalties'>
    >()
    expectTypeOf<StandaloneSignatures<typeof market>>().toEqualTypeOf<ClientSignatures<'market'>>()
    expectTypeOf<StandaloneSignatures<typeof usage>>().toEqualTypeOf<ClientSignatures<'usage'>>()
    // The root entry's namespace objects are the same functions.
    expectTypeOf(root.royalties.deposit).toEqualTypeOf(royalties.deposit)
  })

  test('the same at run time: every namespace entry exports exactly the client’s actions', () => {
    const daimm = root.createDaimmClient({
      publicClient: { chain: { id: 31337 } } as never,
    })
    const entries = { registry, staking, governance, slashing, scoring, royalties, market, usage }
    // The actions module behind both the entry and the root's namespace object.
    const rootNamespaces: Record<Namespace, object> = {
      registry: root.registry,
      staking: root.staking,
      governance: root.governance,
      slashing: root.slashing,
      scoring: root.scoring,
      royalties: root.royalties,
      market: root.market,
      usage: root.usage,
    }
    const notActions = new Set(['callsOf', 'sendOf', 'createDaimmContext'])
    for (const [ns, entry] of Object.entries(entries)) {
      const client = Object.keys(daimm[ns as Namespace]).sort()
      const rootActions = Object.keys(rootNamespaces[ns as Namespace]).sort()
      expect(rootActions, ns).toEqual(client)
      for (const name of client)
        expect(typeof (entry as Record<string, unknown>)[name]).toBe('function')
      expect(
        Object.keys(entry)
          .filter((name) => notActions.has(name))
          .sort(),
      ).toEqual(['callsOf', 'createDaimmContext', 'sendOf'])
    }
    // No second name for an action at the root: the old standalone names are gone.
    for (const old of [
      'depositRevenue',
      'registerModel',
      'withdrawStake',
      'buyLicense',
      'getModel',
    ])
      expect(root).not.toHaveProperty(old)
  })

  test('no public parameter or result holds a Date: chain time is bigint seconds', () => {
    expectTypeOf<ContainsDate<Inputs>>().toEqualTypeOf<false>()
    expectTypeOf<ContainsDate<Outputs>>().toEqualTypeOf<false>()
    expectTypeOf<ContainsDate<WatchedEvents>>().toEqualTypeOf<false>()
    expectTypeOf<ContainsDate<root.SignedOffer | root.Model | root.Round>>().toEqualTypeOf<false>()
  })

  test('model ids are Hex in results, signed offers and watched events, and inputs take Hex', () => {
    expectTypeOf<NonHexOutputIds<Outputs>>().toEqualTypeOf<never>()
    expectTypeOf<NonHexOutputIds<WatchedEvents>>().toEqualTypeOf<never>()
    expectTypeOf<NonHexOutputIds<root.SignedOffer>>().toEqualTypeOf<never>()
    expectTypeOf<NonHexInputIds<Inputs>>().toEqualTypeOf<never>()
    expectTypeOf<root.SignedOffer['modelId']>().toEqualTypeOf<Hex>()
    // Usage-log entries too: what `parseUsageEntry` gives and `usage.verify` takes.
    expectTypeOf<NonHexOutputIds<ReturnType<typeof root.parseUsageEntry>>>().toEqualTypeOf<never>()
    expectTypeOf<root.UsageEntry['modelId']>().toEqualTypeOf<Hex>()
  })

  test('a read of one thing by id returns null when it does not exist', () => {
    type ByIdReads =
      | DaimmClient['registry']['getModel']
      | DaimmClient['market']['getOffer']
      | DaimmClient['market']['getLicense']
      | DaimmClient['scoring']['getRound']
      | DaimmClient['slashing']['getChallenge']
      | DaimmClient['slashing']['getEscrow']
      | DaimmClient['governance']['getProposal']
    type Results = Awaited<ReturnType<ByIdReads>>
    expectTypeOf<null extends Results ? true : false>().toEqualTypeOf<true>()
    // Each of them: a union member without null would make the conditional false for it.
    type EachNullable<f> = f extends AnyFunction
      ? null extends Awaited<ReturnType<f>>
        ? true
        : false
      : never
    expectTypeOf<EachNullable<ByIdReads>>().toEqualTypeOf<true>()
    // And never undefined.
    type AnyUndefined<f> = f extends AnyFunction
      ? undefined extends Awaited<ReturnType<f>>
        ? true
        : false
      : never
    expectTypeOf<AnyUndefined<ByIdReads>>().toEqualTypeOf<false>()
  })
})
