/**
 * The one set of bounds every amount obeys, whichever way it enters: an imported CSV cell, the
 * transaction editor, a value entered with set-value, or a stored row read back. At most 30 digits
 * before the decimal point (a quadrillion times more than any coin's supply) and 18 after (ETH's
 * wei, the finest common unit). Written once here so the contract, the importers and the ledger
 * cannot disagree.
 */
export const AMOUNT_INTEGER_DIGITS = 30
export const AMOUNT_DECIMAL_PLACES = 18
/**
 * The longest amount text read at all: room for 30 + 18 digits, a sign, a point, an exponent and
 * thousands separators, and short enough that a 10 MB cell is refused before any work on it.
 */
export const AMOUNT_TEXT_LENGTH = 80
/** Exponent form ("1.5E-7") only moves the point this far; anything further cannot fit the bounds. */
export const AMOUNT_EXPONENT_LIMIT = AMOUNT_INTEGER_DIGITS + AMOUNT_DECIMAL_PLACES

/**
 * What is wrong with an amount given as its digits either side of the point (without sign), or
 * null when it fits. Leading zeros before the point and trailing zeros after it do not count.
 */
export function amountDigitsProblem(whole: string, fraction: string): string | null {
  const significantWhole = whole.replace(/^0+/, '')
  const significantFraction = fraction.replace(/0+$/, '')
  if (significantWhole.length > AMOUNT_INTEGER_DIGITS)
    return `has ${significantWhole.length.toLocaleString('en-US')} digits before the decimal point; the most is ${AMOUNT_INTEGER_DIGITS}`
  if (significantFraction.length > AMOUNT_DECIMAL_PLACES) return `has more than ${AMOUNT_DECIMAL_PLACES} decimal places`
  return null
}

const PLAIN_AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/

/**
 * What is wrong with an amount written in the plain form the contract takes ("1200.25", "-0.5": no
 * exponent, no separators), or null when it is fine. The reason reads after the amount's name.
 */
export function plainAmountProblem(text: string): string | null {
  if (text.length > AMOUNT_TEXT_LENGTH)
    return `is ${text.length.toLocaleString('en-US')} characters long; an amount has at most ${AMOUNT_INTEGER_DIGITS} digits before the point and ${AMOUNT_DECIMAL_PLACES} after`
  const match = PLAIN_AMOUNT.exec(text)
  if (!match) return 'must be a plain decimal number such as 0.5 or 1200.25'
  return amountDigitsProblem(match[2] as string, match[3] ?? '')
}
