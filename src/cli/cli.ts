#!/usr/bin/env node
// Executable entry of the CLI: `node dist/node/cli/cli.js ...` after `npm run build`.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTty: Boolean(process.stderr.isTTY),
});
