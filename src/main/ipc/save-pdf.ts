import type { BrowserWindow, Dialog } from 'electron'

export interface PdfSaverDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>
  /** The app's window, or null when it is closed. */
  window: () => BrowserWindow | null
  writeFile: (path: string, data: Buffer) => Promise<void>
}

/**
 * "Save as PDF" of the desktop app: asks where to save (suggesting `fileName`), then prints the
 * window's page with its print stylesheet into that file. Returns the path, or null when the user
 * cancelled. Browser mode has no such step: the browser's own print dialog saves PDFs.
 */
export function createPdfSaver(deps: PdfSaverDeps) {
  return async (fileName: string): Promise<string | null> => {
    const window = deps.window()
    if (!window) return null
    const choice = await deps.dialog.showSaveDialog(window, {
      title: 'Save the report as PDF',
      defaultPath: fileName,
      filters: [{ name: 'PDF', extensions: ['pdf'] }]
    })
    if (choice.canceled || !choice.filePath) return null
    const data = await window.webContents.printToPDF({ printBackground: false, preferCSSPageSize: true })
    await deps.writeFile(choice.filePath, data)
    return choice.filePath
  }
}
