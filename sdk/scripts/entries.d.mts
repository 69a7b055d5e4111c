export type SdkEntry = {
  /** The key in package.json `exports`: `.`, `./cid`, `./eval/node`... */
  subpath: string
  /** What a dApp imports: `@daimm/sdk`, `@daimm/sdk/cid`... */
  specifier: string
  /** The tsup entry name, the file name in dist/ without extension: `index`, `eval-node`... */
  name: string
  /** The source file it is built from, relative to sdk/. */
  source: string
  /** A namespace's standalone actions (src/namespaces/). */
  namespace: boolean
}

/** The SDK's package root (sdk/). */
export declare const sdkRoot: string

/** Every entry of `@daimm/sdk`'s `exports` (package.json itself left out), in the file's order. */
export declare function sdkEntries(): SdkEntry[]
