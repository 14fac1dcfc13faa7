// The answers `koordsim` gives without loading any command: the main help and the version. Kept
// apart from main.ts so that src/cli/cli.ts can give them before importing main.ts, whose commands
// and zod's scenario schemas are most of the start-up time (issue 15: `koordsim --help` in <= 0.3 s;
// docs/performance.md, CLI start-up). main.ts answers the same arguments through quickReply too, so
// the two cannot differ.
import { VERSION } from '../version.js';

export const MAIN_HELP = `koordsim ${VERSION}: simulate coordination in municipal health and welfare services

Usage: koordsim <command> [options]

Commands:
  validate FILE...   check scenario files against the schema
  run FILE           run replications of a scenario and summarise the metrics
  compare A B        run two scenarios on the same seeds and report the paired difference
  sweep EXPERIMENT   run an experiment: parameters by design x replications (grid, LHS, Morris, OAT)
  merge EXP SHARDS   combine the outputs of sweep --shard K/N into one result
  warmup FILE        Welch plot of a series over replications and a suggested warm-up
  schema             print the scenario JSON Schema
  experiment-schema  print the experiment JSON Schema

Options:
  -h, --help         help for koordsim or for a command (koordsim run --help)
  -v, --version      print the version

Exit codes: 0 ok, 1 bad input, 2 internal error.`;

/**
 * What koordsim prints on stdout and its exit code for `argv` when that is the main help or the
 * version: no arguments (help, exit 1 as for any bad input), `-h`/`--help` (whatever follows),
 * `help` without a topic, `-v`/`--version`. Null for everything else, which main.ts handles; `help
 * TOPIC` among it. The exit codes are common.ts's EXIT_OK and EXIT_BAD_INPUT, written out so that
 * this module imports nothing else (tests/cli/quickReply.test.ts holds them equal to common.ts's).
 */
export function quickReply(argv: readonly string[]): { code: number; stdout: string } | null {
  const [command, ...rest] = argv;
  if (command === undefined) return { code: 1, stdout: `${MAIN_HELP}\n` };
  if (command === '-h' || command === '--help' || (command === 'help' && rest.length === 0)) return { code: 0, stdout: `${MAIN_HELP}\n` };
  if (command === '-v' || command === '--version') return { code: 0, stdout: `${VERSION}\n` };
  return null;
}
