// Issue 15: `koordsim --help` and `--version` are answered by src/cli/cli.ts from quickReply.ts,
// without importing main.ts. They must print exactly what main() prints for the same arguments
// (stdout, stderr, exit code), in-process and as a real process through bin/koordsim.js.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../src/cli/common.js';
import { main, type CliIo } from '../../src/cli/main.js';
import { MAIN_HELP, quickReply } from '../../src/cli/quickReply.js';
import { VERSION } from '../../src/version.js';

async function viaMain(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Arguments cli.ts answers without main.ts. */
const QUICK = [[], ['--help'], ['-h'], ['help'], ['-v'], ['--version'], ['--help', 'run'], ['-h', 'x'], ['-v', 'run'], ['--version', '--help']];
/** Arguments that go to main.ts: a command's help, help with a topic, an unknown command. */
const NOT_QUICK = [['help', 'run'], ['help', 'nope'], ['help', ''], ['run', '--help'], ['validate', '-h'], ['nope'], ['-x'], ['']];

describe('quickReply', () => {
  it('gives the main help (exit 1 without arguments, 0 when asked) and the version', () => {
    // The codes are written out in quickReply.ts (it imports nothing); they must be common.ts's.
    expect(quickReply([])).toEqual({ code: EXIT_BAD_INPUT, stdout: `${MAIN_HELP}\n` });
    expect(quickReply(['--help'])).toEqual({ code: EXIT_OK, stdout: `${MAIN_HELP}\n` });
    expect(quickReply(['--version'])).toEqual({ code: EXIT_OK, stdout: `${VERSION}\n` });
    expect(MAIN_HELP).toMatch(/^koordsim \S+: simulate coordination/);
    for (const argv of NOT_QUICK) expect(quickReply(argv), argv.join(' ')).toBeNull();
  });

  it('answers exactly as main() does, for every argument list it answers', async () => {
    for (const argv of QUICK) {
      const q = quickReply(argv);
      expect(q, argv.join(' ')).not.toBeNull();
      expect(await viaMain(argv), argv.join(' ')).toEqual({ code: q!.code, out: q!.stdout, err: '' });
    }
  });

  it('the compiled CLI prints, as a real process, what main() prints, quick path or not', async () => {
    const bin = join(process.cwd(), 'bin', 'koordsim.js');
    for (const argv of [...QUICK, ['help', 'run'], ['help', 'nope'], ['nope']]) {
      const p = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
      const m = await viaMain(argv);
      expect({ code: p.status, out: p.stdout, err: p.stderr }, argv.join(' ')).toEqual(m);
    }
  });
});
