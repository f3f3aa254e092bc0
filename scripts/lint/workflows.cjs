// `npm run lint`: every GitHub Actions workflow under .github/workflows checked by action-validator
// (the workflow schema, job references such as `needs`, and globs). The validator takes one file at
// a time; each is run and every failure reported before the exit code says so.
const { spawnSync } = require('node:child_process')
const { readdirSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '../..')
const folder = join(root, '.github/workflows')
const validator = join(
  root,
  'node_modules/.bin',
  process.platform === 'win32' ? 'action-validator.cmd' : 'action-validator'
)

const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
if (files.length === 0) {
  console.error('No workflow files in .github/workflows.')
  process.exit(1)
}
let failed = 0
for (const name of files) {
  const result = spawnSync(validator, [join(folder, name)], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32'
  })
  if (result.status === 0) continue
  failed += 1
  console.error(`.github/workflows/${name} is not a valid workflow:\n${result.stdout}${result.stderr}`)
}
if (failed > 0) process.exit(1)
console.log(`${files.length} workflow file(s) valid: ${files.join(', ')}`)
