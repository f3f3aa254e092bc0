export type OptionType = 'string' | 'number' | 'boolean'

export interface OptionSpec {
  name: string
  type: OptionType
  description: string
  /** Shown in help, e.g. "N" for --coins N. */
  value?: string
}

export type OptionValues = Record<string, string | number | boolean | undefined>

export interface ParsedArgs {
  options: OptionValues
  positionals: string[]
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/**
 * Parses `--name value`, `--name=value`, boolean `--flag` and `--no-flag`, and positionals. Unknown
 * options and values of the wrong type are usage errors, never silently ignored.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]))
  const options: OptionValues = {}
  const positionals: string[] = []
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const rawName = eq >= 0 ? arg.slice(2, eq) : arg.slice(2)
    let spec = byName.get(rawName)
    if (!spec && rawName.startsWith('no-')) {
      const negated = byName.get(rawName.slice(3))
      if (negated?.type === 'boolean' && eq < 0) {
        options[negated.name] = false
        continue
      }
      spec = byName.get(rawName)
    }
    if (!spec) throw new UsageError(`unknown option --${rawName}`)
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${spec.name} takes no value`)
      options[spec.name] = true
      continue
    }
    let value: string | undefined
    if (eq >= 0) value = arg.slice(eq + 1)
    else {
      value = argv[i + 1]
      i += 1
    }
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${spec.name} needs a value`)
    if (spec.type === 'number') {
      const number = Number(value)
      if (value.trim() === '' || !Number.isFinite(number))
        throw new UsageError(`--${spec.name} must be a number, not "${value}"`)
      options[spec.name] = number
    } else {
      options[spec.name] = value
    }
  }
  return { options, positionals }
}

export function formatOptions(specs: readonly OptionSpec[]): string {
  const rows = specs.map((spec) => {
    const left = `  --${spec.name}${spec.type === 'boolean' ? '' : ` ${spec.value ?? spec.type.toUpperCase()}`}`
    return [left, spec.description] as const
  })
  const width = Math.max(0, ...rows.map(([left]) => left.length)) + 2
  return rows.map(([left, right]) => left.padEnd(width) + right).join('\n')
}
