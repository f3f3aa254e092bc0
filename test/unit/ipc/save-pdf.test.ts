import { describe, expect, it } from 'vitest'
import type { BrowserWindow } from 'electron'
import { createCore } from '../../../src/main/core/create-core'
import { createPdfSaver } from '../../../src/main/ipc/save-pdf'

function fakeWindow(pdf: Buffer) {
  const prints: unknown[] = []
  const window = { webContents: { printToPDF: async (options: unknown) => (prints.push(options), pdf) } }
  return { window: window as unknown as BrowserWindow, prints }
}

describe('save as PDF (desktop app)', () => {
  it('asks where to save, suggesting the name, and writes the printed page there', async () => {
    const pdf = Buffer.from('%PDF-1.7 report')
    const { window, prints } = fakeWindow(pdf)
    const asked: unknown[] = []
    const written: [string, Buffer][] = []
    const save = createPdfSaver({
      dialog: {
        showSaveDialog: (async (_w: unknown, options: unknown) => {
          asked.push(options)
          return { canceled: false, filePath: '/Reports/gains-2024.pdf' }
        }) as never
      },
      window: () => window,
      writeFile: async (path, data) => void written.push([path, data])
    })
    expect(await save('gains-2024.pdf')).toBe('/Reports/gains-2024.pdf')
    expect(asked[0]).toMatchObject({ defaultPath: 'gains-2024.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    expect(prints).toHaveLength(1)
    expect(written).toEqual([['/Reports/gains-2024.pdf', pdf]])
  })

  it('writes nothing when the user cancels or the window is gone', async () => {
    const { window, prints } = fakeWindow(Buffer.from('%PDF'))
    const written: string[] = []
    const cancelled = createPdfSaver({
      dialog: { showSaveDialog: (async () => ({ canceled: true, filePath: '' })) as never },
      window: () => window,
      writeFile: async (path) => void written.push(path)
    })
    expect(await cancelled('report.pdf')).toBeNull()
    const closed = createPdfSaver({
      dialog: { showSaveDialog: (async () => ({ canceled: false, filePath: '/x.pdf' })) as never },
      window: () => null,
      writeFile: async (path) => void written.push(path)
    })
    expect(await closed('report.pdf')).toBeNull()
    expect(prints).toEqual([])
    expect(written).toEqual([])
  })

  it('is refused in plain words where there is no desktop window, and checks the file name', async () => {
    const core = createCore({ dataDir: '/nonexistent', runtime: 'browser', databasePath: ':memory:' })
    try {
      const refused = await core.dispatch('app:save-pdf', { fileName: 'gains-2024.pdf' }, { runtime: 'browser' })
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'Saving as PDF is part of the desktop app. In the browser, use Print and choose "Save as PDF".'
        }
      })
      const bad = await core.dispatch('app:save-pdf', { fileName: '../../etc/passwd' }, { runtime: 'browser' })
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    } finally {
      core.close()
    }
  })
})
