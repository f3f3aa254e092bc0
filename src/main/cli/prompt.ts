import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'

/**
 * Reads one line from the terminal without echoing it (an exchange key or secret must never be
 * an argument, where the shell's history and the process list would keep it). Null when there is
 * no terminal to ask.
 */
export async function promptHidden(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null
  process.stderr.write(question)
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() })
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true })
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve))
  } finally {
    rl.close()
    process.stderr.write('\n')
  }
}
