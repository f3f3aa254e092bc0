import { Option } from '@commander-js/extra-typings'
import { dayNumberOf } from '../../shared/dates'
import { UsageError } from './usage-error'

/** "a, b or c": how help texts name the members of a fixed vocabulary. */
export function listOf(values: readonly (string | number)[]): string {
  const words = values.map(String)
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}

/**
 * An option with a value that `parse` checks and converts, throwing a UsageError that names the
 * option (`flag` is its long form). Commander takes the next word as the value even when it is an
 * option, so "--data-dir --json" would name a folder "--json": a value that starts with "--" is
 * taken as a missing value instead.
 */
export function parsedOption<F extends string, T>(
  flags: F,
  description: string,
  parse: (text: string, flag: string) => T
) {
  const option = new Option(flags, description)
  const flag = option.long ?? flags
  return option.argParser((text) => {
    if (text.startsWith('--')) throw new UsageError(`${flag} needs a value`)
    return parse(text, flag)
  })
}

export function textOption<F extends string>(flags: F, description: string) {
  return parsedOption(flags, description, (text) => text)
}

function parseNumber(text: string, flag: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${flag} must be a number, not "${text}"`)
  return value
}

export function numberOption<F extends string>(flags: F, description: string) {
  return parsedOption(flags, description, parseNumber)
}

export function integerOption<F extends string>(flags: F, description: string, min: number, max: number) {
  return parsedOption(flags, description, (text, flag) => {
    const value = parseNumber(text, flag)
    if (!Number.isInteger(value) || value < min || value > max)
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not ${text}`)
    return value
  })
}

/** A UTC day, YYYY-MM-DD, that exists in the calendar. */
export function dateOption<F extends string>(flags: F, description: string) {
  return parsedOption(flags, description, (text, flag) => {
    if (dayNumberOf(text) === null) throw new UsageError(`${flag} must be a date as YYYY-MM-DD, not "${text}"`)
    return text
  })
}

/**
 * An option whose value is one member of a vocabulary from src/shared/domain.ts. The help text and
 * the check both come from the tuple, so a member added there needs no edit here.
 */
export function choiceOption<F extends string, const T extends readonly (string | number)[]>(
  flags: F,
  choices: T,
  describe: (list: string) => string
) {
  return parsedOption(flags, describe(listOf(choices)), (text, flag): T[number] => {
    const found = choices.find((choice) => String(choice) === text)
    if (found === undefined) throw new UsageError(`${flag} must be one of ${choices.join(', ')}, not "${text}"`)
    return found
  })
}

/** A help section naming each member of a vocabulary and what it means, e.g. the import formats. */
export function vocabularyHelp<K extends string>(
  title: string,
  labels: Record<K, string>,
  order: readonly K[]
): string {
  const width = Math.max(...order.map((key) => key.length)) + 2
  return `\n${title}:\n${order.map((key) => `  ${key.padEnd(width)}${labels[key]}`).join('\n')}\n`
}
