#!/usr/bin/env node
// The `seasonwatch` command. It runs the bundled CLI (out/main/cli.js), which `npm install` builds;
// from a checkout, `npm run cli -- …` runs it straight from the TypeScript sources instead.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const bundled = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(bundled)) {
  console.error('seasonwatch: the command line is not built yet; run "npm run build" in the Seasonwatch folder.')
  process.exit(1)
}
require(bundled)
