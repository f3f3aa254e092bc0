import { useEffect, useState } from 'react'

export type ThemeSetting = 'system' | 'light' | 'dark'

const darkQuery = '(prefers-color-scheme: dark)'

/** Applies the chosen theme to the document; "system" follows the OS and its later changes. */
export function useAppliedTheme(setting: ThemeSetting): 'light' | 'dark' {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(darkQuery).matches)
  useEffect(() => {
    const media = window.matchMedia(darkQuery)
    const onChange = () => setSystemDark(media.matches)
    media.addEventListener('change', onChange)
    return () => media.removeEventListener('change', onChange)
  }, [])
  const applied = setting === 'system' ? (systemDark ? 'dark' : 'light') : setting
  useEffect(() => {
    document.documentElement.dataset.theme = applied
    document.documentElement.style.colorScheme = applied
  }, [applied])
  return applied
}
