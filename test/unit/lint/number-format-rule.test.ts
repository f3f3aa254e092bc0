import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The project's own lint configuration, run on snippets placed where views and CLI output live.
const eslint = new ESLint({ cwd: process.cwd() })

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)
}

describe('lint: numbers on screen and in CLI output come from the one formatting module', () => {
  it('refuses ad-hoc toFixed, toLocaleString and private Intl formatters in views and CLI output', async () => {
    const view = 'src/renderer/src/features/season/Example.tsx'
    expect(await messages('export const a = (v: number) => `${v.toFixed(1)}%`\n', view)).toHaveLength(1)
    expect(await messages("export const b = (v: number) => v.toLocaleString('en-US')\n", view)).toHaveLength(1)
    expect(
      await messages("export const c = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })\n", view)
    ).toHaveLength(1)
    expect(
      await messages('export const d = (v: number) => v.toFixed(2)\n', 'src/main/cli/commands/example.ts')
    ).toHaveLength(1)
  })

  it('lets views use the shared module, and lets the module itself use Intl', async () => {
    expect(
      await messages(
        "import { percent } from '@shared/format'\nexport const a = (v: number) => percent(v)\n",
        'src/renderer/src/features/season/Example.tsx'
      )
    ).toEqual([])
    expect(await messages("export const f = new Intl.NumberFormat('en-US')\n", 'src/shared/format-example.ts')).toEqual(
      []
    )
  })
})
