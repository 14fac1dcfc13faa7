#!/usr/bin/env node
// Executable entry of the CLI: `node dist/node/cli/cli.js ...` after `npm run build`.
// The main help and the version come from quickReply.ts, without importing main.ts: loading every
// command and building zod's scenario schemas was most of `koordsim --help`'s start-up time
// (issue 15; docs/performance.md, CLI start-up). Everything else imports main.ts, which answers
// those arguments through the same quickReply. Compiled (bin/compiledCli.js), main.ts and what it
// imports are a separate chunk beside this file, loaded only here.
import { quickReply } from './quickReply.js';

const argv = process.argv.slice(2);
const quick = quickReply(argv);
if (quick !== null) {
  process.stdout.write(quick.stdout);
  process.exitCode = quick.code;
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stderrIsTty: Boolean(process.stderr.isTTY),
  });
}
