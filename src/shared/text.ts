/**
 * Text that came from outside (a CSV cell, a note, a file name) is stored and echoed only when it
 * is safe: no control characters that a terminal would act on (ESC starts ANSI and OSC-52
 * clipboard sequences; C1 codes such as U+009B are CSI on their own), no NUL, and bounded in
 * length. Tab and line breaks are text, not controls, and stay allowed in stored notes.
 */

/** Notes hold at most this many characters, whether typed in the editor or imported. */
export const NOTE_LENGTH = 500

// C0 except tab, LF and CR; DEL; C1.
// eslint-disable-next-line no-control-regex
const STORED_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/
// Every C0 and C1 code and DEL: what an echoed line must not carry.
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
// eslint-disable-next-line no-control-regex
const ANY_CONTROL_TEST = /[\u0000-\u001f\u007f-\u009f]/

/** Whether text holds a control character that stored text must not (tab and line breaks allowed). */
export function hasControlCharacter(text: string): boolean {
  return STORED_CONTROL.test(text)
}

/** The first control character stored text must not hold, written as U+XXXX, or null. */
export function firstControlCharacter(text: string): string | null {
  const match = STORED_CONTROL.exec(text)
  return match ? codePointName(match[0]) : null
}

function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * Outside text made safe to show on one line: every control character (line breaks too) written
 * as a visible escape such as \x1b, and cut to `max` characters with "…" when longer.
 */
export function excerpt(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text
  return ANY_CONTROL_TEST.test(cut) ? cut.replace(ANY_CONTROL, escapeControl) : cut
}

function escapeControl(char: string): string {
  return `\\x${(char.codePointAt(0) as number).toString(16).padStart(2, '0')}`
}

// What a terminal line may not carry: everything above but tab, LF and CRLF (a lone CR would let a
// cell overwrite what was printed before it on the line).
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL_TEST = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/

/**
 * Text bound for a terminal made harmless: control characters other than tab and line ends become
 * visible escapes, so ESC [ … and OSC-52 sequences print as text instead of acting.
 */
export function forTerminal(text: string): string {
  return TERMINAL_CONTROL_TEST.test(text) ? text.replace(TERMINAL_CONTROL, escapeControl) : text
}

// DEL and C1: JSON.stringify leaves them as they are (it escapes only C0).
const JSON_UNESCAPED_CONTROL = /[\u007f-\u009f]/g

/** JSON text with every control character escaped (\u009b, not the raw code): the same value, safe to print. */
export function jsonForTerminal(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(
    JSON_UNESCAPED_CONTROL,
    (char) => `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, '0')}`
  )
}
