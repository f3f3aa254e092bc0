/** Saves text as a file through the browser's download (the desktop app shows its Save dialog). */
export function downloadText(fileName: string, text: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mediaType};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by now; the address is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
