/**
 * A command line that cannot run as written (bad option, value or argument): exit 2, as opposed to
 * a command that ran and failed (exit 1). Thrown by option parsers and by checks that span options.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
