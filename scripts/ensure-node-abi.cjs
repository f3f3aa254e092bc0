// better-sqlite3 is a native module built for one runtime at a time. `npm start` rebuilds it for
// Electron; tests, benchmarks and the command line run under Node. This puts the Node build back
// when the installed one does not load here, so switching between the two needs no manual step.
const { spawnSync } = require('node:child_process')

function loads() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    encoding: 'utf8'
  })
  return { ok: probe.status === 0, error: probe.stderr }
}

const first = loads()
// A packaging run that stopped while rebuilding for Electron (no internet for its headers) leaves
// no binary at all: "Could not locate the bindings file". That too is mended by rebuilding.
if (!first.ok) {
  if (
    !/NODE_MODULE_VERSION|invalid ELF|was compiled against|Module did not self-register|Cannot find module|Could not locate the bindings file/.test(
      first.error
    )
  ) {
    console.error(first.error)
    process.exit(1)
  }
  console.error('Rebuilding better-sqlite3 for Node.js (it was last built for another runtime)…')
  const rebuild = spawnSync('npm', ['rebuild', 'better-sqlite3'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32'
  })
  if (rebuild.status !== 0 || !loads().ok) {
    console.error('Could not rebuild better-sqlite3 for Node.js; run "npm rebuild better-sqlite3" and read its output.')
    process.exit(1)
  }
}
