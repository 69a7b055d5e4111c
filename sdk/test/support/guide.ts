/**
 * Turns the `ts` blocks of a Markdown guide (docs/sdk.md) into one TypeScript module that can be
 * type-checked and run. Each line of the module is the line of the page with the same number: code
 * inside `ts` blocks as written, every other line blank. So an error's line in the module is its
 * line in the page. Only two things change:
 *
 * - `@daimm/sdk` specifiers point at the SDK's source entries (what the package's `exports` build);
 * - an import binding that an earlier block imported already is dropped (ES imports are hoisted,
 *   so a later block still sees it); a declaration left with none is blanked.
 *
 * The page's `declare const` statements name what the guide takes as given; the runner provides
 * them as globals.
 */
import { join, relative } from 'node:path'
import ts from 'typescript'
import { sdkEntries, sdkRoot } from '../../scripts/entries.mjs'

export { sdkRoot }

/** Each entry of `@daimm/sdk`'s package `exports`, and the source file it is built from. */
const entrySources: ReadonlyMap<string, string> = new Map(
  sdkEntries().map(({ specifier, source }) => [specifier, source]),
)

export type CodeBlock = {
  /** Line of the page (1-based) of the block's first line of code. */
  line: number
  code: string
}

/** The fenced `ts` (or `typescript`) blocks of a Markdown page, in order. */
export function tsBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = []
  let open: { line: number; lang: string; lines: string[] } | undefined
  markdown.split('\n').forEach((text, index) => {
    const fence = /^(\s*)```(\S*)\s*$/.exec(text)
    if (!open) {
      if (!fence) return
      if (fence[1] && /^(ts|typescript)$/.test(fence[2] ?? ''))
        throw new Error(`Line ${index + 1}: an indented ts block would not be run; unindent it.`)
      open = { line: index + 2, lang: fence[2] ?? '', lines: [] }
    } else if (fence && fence[2] === '' && fence[1] === '') {
      if (/^(ts|typescript)$/.test(open.lang))
        blocks.push({ line: open.line, code: open.lines.join('\n') })
      open = undefined
    } else open.lines.push(text)
  })
  if (open) throw new Error(`The block opened at line ${open.line - 1} is never closed.`)
  return blocks
}

export type GuideModule = {
  /** The module's source: the page's lines, blank outside `ts` blocks. */
  source: string
  blocks: CodeBlock[]
  /** Names of the page's `declare const` statements: what the runner provides. */
  given: string[]
}

/**
 * The module of a page's `ts` blocks, for a file that will be written in `directory` (relative
 * imports of the SDK's sources are computed from there).
 */
export function guideModule(markdown: string, directory: string): GuideModule {
  const blocks = tsBlocks(markdown)
  const lines = markdown.split('\n').map(() => '')
  for (const { line, code } of blocks)
    code.split('\n').forEach((text, i) => {
      lines[line - 1 + i] = text
    })
  const joined = lines.join('\n')
  const file = ts.createSourceFile('guide.ts', joined, ts.ScriptTarget.ES2022, true)

  const given: string[] = []
  const edits: { start: number; end: number; text: string }[] = []
  const seen = new Map<string, string>()
  for (const statement of file.statements) {
    if (
      ts.isVariableStatement(statement) &&
      statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)
    )
      for (const declaration of statement.declarationList.declarations)
        given.push(declaration.name.getText(file))
    if (!ts.isImportDeclaration(statement)) continue
    const start = statement.getStart(file)
    const newlines = joined.slice(start, statement.end).split('\n').length - 1
    const text = rewriteImport(statement, { seen, directory })
    edits.push({ start, end: statement.end, text: text + '\n'.repeat(newlines) })
  }
  let source = joined
  for (const { start, end, text } of edits.reverse())
    source = source.slice(0, start) + text + source.slice(end)
  return { source, blocks, given }
}

/** The import with its specifier pointed at the SDK's sources and its repeated bindings dropped. */
function rewriteImport(
  statement: ts.ImportDeclaration,
  { seen, directory }: { seen: Map<string, string>; directory: string },
): string {
  const specifier = (statement.moduleSpecifier as ts.StringLiteral).text
  let target = specifier
  if (specifier === '@daimm/sdk' || specifier.startsWith('@daimm/sdk/')) {
    const entry = entrySources.get(specifier)
    if (!entry) throw new Error(`${specifier} is not an entry of @daimm/sdk.`)
    const path = relative(directory, join(sdkRoot, entry)).replace(/\.ts$/, '.js')
    target = path.startsWith('.') ? path : `./${path}`
  }
  // A binding is new unless an earlier block imported the same name from the same module.
  const fresh = (name: string) => {
    if (seen.get(name) === specifier) return false
    seen.set(name, specifier)
    return true
  }
  const clause = statement.importClause
  if (!clause) return fresh(`import '${specifier}'`) ? `import '${target}'` : ''
  const parts: string[] = []
  if (clause.name && fresh(clause.name.text)) parts.push(clause.name.text)
  const bindings = clause.namedBindings
  if (bindings && ts.isNamespaceImport(bindings) && fresh(bindings.name.text))
    parts.push(`* as ${bindings.name.text}`)
  if (bindings && ts.isNamedImports(bindings)) {
    const named = bindings.elements
      .filter((element) => fresh(element.name.text))
      .map(
        (element) =>
          `${element.isTypeOnly ? 'type ' : ''}${element.propertyName ? `${element.propertyName.text} as ` : ''}${element.name.text}`,
      )
    if (named.length) parts.push(`{ ${named.join(', ')} }`)
  }
  if (!parts.length) return ''
  return `import ${clause.isTypeOnly ? 'type ' : ''}${parts.join(', ')} from '${target}'`
}

/**
 * Type-checks a module written at `path` with the compiler options of sdk/tsconfig.json. Returns
 * one line per diagnostic, `shownAs:line:column TScode: message` for those in the module, or none.
 */
export function typecheck(path: string, shownAs: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(sdkRoot, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  })
  if (!config) throw new Error('sdk/tsconfig.json could not be read.')
  const program = ts.createProgram({ rootNames: [path], options: config.options })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!diagnostic.file || diagnostic.start === undefined)
      return `TS${diagnostic.code}: ${message}`
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    const name = diagnostic.file.fileName === path ? shownAs : diagnostic.file.fileName
    return `${name}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`
  })
}
