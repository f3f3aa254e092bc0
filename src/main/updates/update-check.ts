import { z } from 'zod'
import type { UpdateCheck } from '../../shared/contract/update'
import { isLoopbackHost } from '../../shared/provider-address'
import { isReleasePageUrl, releaseRepository, releasesPageUrl } from '../../shared/release-source'
import type { Logger } from '../ports/deps'

/**
 * The update check: one GET of GitHub's "latest release" for Seasonwatch's repository, only while
 * the user has turned it on. What it sends is fixed here and nowhere else: the URL below, no query
 * and no body, the headers in `requestHeaders` (plus those Node's fetch adds on its own), no cookie
 * and no credential. Nothing from the database goes into it. README, "Updates", lists it.
 */
export const LATEST_RELEASE_URL = `https://api.github.com/repos/${releaseRepository.owner}/${releaseRepository.repo}/releases/latest`

const TIMEOUT_MS = 15_000
/** The answer is a few kilobytes (one release and its assets); anything past this is refused unread. */
const MAX_ANSWER_BYTES = 1_000_000
/** A successful answer is reused this long; asking again sooner only happens on "Check now". */
const REUSE_MS = 6 * 3_600_000
/** A failed check is not retried by itself for this long (the Settings page may be opened often). */
const RETRY_MS = 5 * 60_000

export function requestHeaders(version: string): Record<string, string> {
  // GitHub's API refuses requests without a User-Agent; this one names the app and its version only.
  return { Accept: 'application/vnd.github+json', 'User-Agent': `Seasonwatch/${version}` }
}

const releaseSchema = z.object({
  tag_name: z.string().max(100),
  html_url: z.string().max(500),
  draft: z.boolean().optional(),
  prerelease: z.boolean().optional()
})

export interface UpdateCheckDeps {
  fetch: typeof fetch
  version: string
  now(): number
  /** The setting: nothing is asked while it is false. */
  enabled(): boolean
  log: Logger
  /** Tests point this at a loopback server; only GitHub's API host (https) or loopback is accepted. */
  url?: string
  timeoutMs?: number
}

export interface UpdateChecker {
  check(options?: { now?: boolean }): Promise<UpdateCheck>
}

export function createUpdateChecker(deps: UpdateCheckDeps): UpdateChecker {
  const url = deps.url ?? LATEST_RELEASE_URL
  const target = new URL(url)
  const allowed =
    (target.protocol === 'https:' && target.hostname === 'api.github.com') ||
    (target.protocol === 'http:' && isLoopbackHost(target.hostname))
  if (!allowed || target.username || target.password)
    throw new Error(`The update check asks only api.github.com, not ${target.host}.`)
  const timeoutMs = deps.timeoutMs ?? TIMEOUT_MS
  let last: { answer: UpdateCheck; at: number } | null = null
  let pending: Promise<UpdateCheck> | null = null

  const answer = (fields: Omit<UpdateCheck, 'current' | 'checkedAt'>, at: number | null): UpdateCheck => ({
    ...fields,
    current: deps.version,
    checkedAt: at === null ? null : new Date(at).toISOString()
  })

  async function ask(): Promise<UpdateCheck> {
    const at = deps.now()
    let response: Response
    let body: string
    try {
      response = await deps.fetch(url, {
        method: 'GET',
        headers: requestHeaders(deps.version),
        // Any other address is not the allow-listed one: a redirect is an answer we do not follow.
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs)
      })
      body = await readBounded(response)
    } catch (error) {
      const reason = describeFailure(error, timeoutMs)
      deps.log.warn('update check failed', { reason })
      return answer({ status: 'failed', latest: null, url: null, message: reason }, at)
    }
    if (response.status === 404)
      return answer({ status: 'failed', latest: null, url: null, message: 'No release has been published yet.' }, at)
    if (response.status === 403 || response.status === 429)
      return answer(
        {
          status: 'failed',
          latest: null,
          url: null,
          message: 'GitHub is limiting requests from this network for now; try again in an hour.'
        },
        at
      )
    if (response.status < 200 || response.status >= 300)
      return answer(
        { status: 'failed', latest: null, url: null, message: `GitHub answered HTTP ${response.status}.` },
        at
      )
    return readRelease(body, at)
  }

  function readRelease(body: string, at: number): UpdateCheck {
    let parsed: z.infer<typeof releaseSchema>
    try {
      parsed = releaseSchema.parse(JSON.parse(body))
    } catch {
      return answer({ status: 'failed', latest: null, url: null, message: 'GitHub’s answer was not a release.' }, at)
    }
    const latest = parseVersion(parsed.tag_name)
    const current = parseVersion(deps.version)
    if (!latest || !current)
      return answer(
        {
          status: 'failed',
          latest: null,
          url: null,
          message: `The latest release is tagged ${parsed.tag_name.slice(0, 40)}, which is not a version number.`
        },
        at
      )
    const link = releaseLink(parsed.html_url)
    // GitHub's "latest" is never a draft or a pre-release; should one slip through, it is not offered.
    if (parsed.draft || parsed.prerelease || compareVersions(latest, current) <= 0)
      return answer(
        { status: 'current', latest: latest.text, url: link, message: `Seasonwatch ${deps.version} is up to date.` },
        at
      )
    return answer(
      { status: 'available', latest: latest.text, url: link, message: `Version ${latest.text} is available.` },
      at
    )
  }

  return {
    async check(options = {}) {
      if (!deps.enabled())
        return answer(
          {
            status: 'off',
            latest: null,
            url: null,
            message: 'Update checks are off: Seasonwatch asks nobody about new versions.'
          },
          null
        )
      const reuseFor = last?.answer.status === 'failed' ? RETRY_MS : REUSE_MS
      if (!options.now && last && deps.now() - last.at < reuseFor) return last.answer
      pending ??= ask().then((result) => {
        last = { answer: result, at: deps.now() }
        pending = null
        return result
      })
      return pending
    }
  }
}

/** The release's page when it is one of Seasonwatch's release pages; the releases list otherwise. */
function releaseLink(htmlUrl: string): string {
  try {
    const url = new URL(htmlUrl)
    if (url.protocol === 'https:' && !url.port && !url.username && isReleasePageUrl(url)) return url.href
  } catch {
    // Not a URL: fall through to the list.
  }
  return `${releasesPageUrl}/latest`
}

interface Version {
  parts: [number, number, number]
  pre: string | null
  text: string
}

function parseVersion(raw: string): Version | null {
  const found = /^v?(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:-([0-9A-Za-z.-]{1,40}))?$/.exec(raw.trim())
  if (!found) return null
  const [, major, minor, patch, pre] = found
  return {
    parts: [Number(major), Number(minor), Number(patch)],
    pre: pre ?? null,
    text: `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`
  }
}

/** Semantic-version order: numbers first, then a pre-release below its release. */
function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) {
    const diff = (a.parts[i] as number) - (b.parts[i] as number)
    if (diff !== 0) return Math.sign(diff)
  }
  if (a.pre === b.pre) return 0
  if (a.pre === null) return 1
  if (b.pre === null) return -1
  return a.pre < b.pre ? -1 : 1
}

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > MAX_ANSWER_BYTES) {
    await response.body?.cancel()
    throw new TooLarge()
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel()
      throw new TooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

class TooLarge extends Error {}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof TooLarge) return 'GitHub’s answer was too large to be a release; nothing was read from it.'
  const name = (error as { name?: string } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError')
    return `GitHub did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.`
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause
  if (cause?.message && /redirect/i.test(cause.message))
    return 'GitHub answered with a redirect to another address, which the update check does not follow.'
  return `GitHub could not be reached${cause?.code ? ` (${cause.code})` : ''}: check the internet connection.`
}
