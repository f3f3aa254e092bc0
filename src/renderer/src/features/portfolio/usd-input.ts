// Reads a USD amount typed by a person into the exact decimal text the core stores (pure).

export type UsdInput = { ok: true; value: string } | { ok: false; message: string }

/**
 * Accepts "1234.5", "1,234.50" and "$1,234.50"; refuses anything else with a sentence that names
 * the field. A comma is read only as a thousands separator in groups of three, never as a decimal
 * point ("1,5" is refused rather than read as 15).
 */
export function readUsdInput(text: string, field: string): UsdInput {
  const raw = text.trim()
  if (raw === '') return { ok: false, message: `${field}: enter the value in US dollars, such as 1200.25.` }
  let body = raw.replace(/^\$\s*/, '')
  if (/^[-\u2212]/.test(body)) return { ok: false, message: `${field}: a value cannot be negative.` }
  if (body.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(body))
      return {
        ok: false,
        message: `${field}: "${raw}" is not a number. Use a point for cents and commas only between thousands, as in 1,200.25.`
      }
    body = body.replace(/,/g, '')
  }
  if (!/^\d+(\.\d+)?$/.test(body) && !/^\d+\.$/.test(body))
    return { ok: false, message: `${field}: "${raw}" is not a number. Enter digits such as 1200.25, without letters.` }
  body = body.replace(/\.$/, '')
  const [whole = '', frac = ''] = body.split('.')
  if (whole.length > 30) return { ok: false, message: `${field}: "${raw}" is too large.` }
  if (frac.length > 18) return { ok: false, message: `${field}: use at most 18 digits after the point.` }
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '')
  return { ok: true, value: frac ? `${trimmedWhole}.${frac}` : trimmedWhole }
}
