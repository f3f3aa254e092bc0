import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'

/**
 * Reads one line from the terminal without echoing it (an exchange key or secret must never be
 * an argument, where the shell's history and the process list would keep it). When the first
 * line opens a PEM block (a Coinbase key's secret is one), the lines up to its END line are read
 * too, so a pasted key arrives whole. Null when there is no terminal to ask.
 */
export async function promptHidden(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null
  process.stderr.write(question)
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() })
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true })
  try {
    return await new Promise<string>((resolve) => {
      const lines: string[] = []
      rl.on('line', (line) => {
        lines.push(line)
        const pem = lines[0]!.trim().startsWith('-----BEGIN')
        if (!pem || /^-----END [^-]+-----$/.test(line.trim())) resolve(lines.join('\n'))
      })
      rl.on('close', () => resolve(lines.join('\n')))
    })
  } finally {
    rl.close()
    process.stderr.write('\n')
  }
}
