/**
 * Where Seasonwatch's installers are published: the GitHub repository whose releases the release
 * workflow drafts. electron-builder.yml's `publish` names the same one (a packaging test keeps the
 * two equal); the update check asks it for its latest release, and the app opens only its release
 * pages on github.com.
 */
export const releaseRepository = { owner: 'seasonwatch', repo: 'seasonwatch' } as const

/** The releases page users download from. */
export const releasesPageUrl = `https://github.com/${releaseRepository.owner}/${releaseRepository.repo}/releases`

/** True for the releases page or a page below it (one release, its assets). */
export function isReleasePageUrl(url: URL): boolean {
  const base = `/${releaseRepository.owner}/${releaseRepository.repo}/releases`
  return url.hostname === 'github.com' && (url.pathname === base || url.pathname.startsWith(`${base}/`))
}
