// The CLI compiled from src/ by esbuild, cached under dist/cli/<hash of the sources>/ so that
// `koordsim` starts without tsx (issue 15: `koordsim --help` in <= 0.3 s; through tsx it took
// 1.7-2.9 s here). The hash covers every source file's path, size and mtime, so an edit to src/
// makes a new build on the next run (esbuild: about 0.1-0.3 s) and an unchanged tree reuses the old
// one. Builds, every chunk of them, go to a temporary folder renamed into place, so CLI processes
// started together (a sharded experiment, the CLI tests) never see half a build. `npm install` builds it once
// (`prepare`); `node bin/compiledCli.js` builds it by hand.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const cacheDir = join(root, 'dist', 'cli');
/**
 * The entry points, side by side. Code splitting writes the chunks beside them in the same folder:
 * main.ts (every command, imported by cli.ts only when the argument is not the main help or the
 * version) and the code cli and poolWorker share. The experiment pool, wherever its chunk lands,
 * starts poolWorker.js from beside itself, so every file of a build stays in one flat folder.
 */
const ENTRIES = { cli: 'cli/cli.ts', poolWorker: 'experiment/poolWorker.ts' };

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/** Hash of the source tree as the file system sees it (paths, sizes, mtimes), and of this builder. */
function sourceHash() {
  const h = createHash('sha256');
  for (const f of [...sourceFiles(srcDir), fileURLToPath(import.meta.url), join(root, 'package.json')]) {
    const s = statSync(f);
    h.update(`${relative(root, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * zod re-exports all of its ~60 message locales (358 KB of the 1.25 MB bundle) as `z.locales`,
 * which koordsim never uses: its messages are its own, and zod's English default is imported
 * separately and kept. Replacing the re-export with an empty module saves compiling them at
 * every start (docs/performance.md, CLI start-up).
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * Path of the compiled CLI entry (dist/cli/<hash>/cli.js), building it first when the sources
 * changed. Returns null when it cannot be built here (no src/, or esbuild is not installed).
 */
export async function compiledCli() {
  if (!existsSync(srcDir)) return null;
  const hash = sourceHash();
  const dir = join(cacheDir, hash);
  const entry = join(dir, 'cli.js');
  if (existsSync(entry)) return entry;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const tmp = join(cacheDir, `.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    // Bundled, npm packages included: resolving and loading src/'s ~100 modules and the many small
    // @stdlib modules one by one was most of the start-up time (--cpu-prof). Split (ESM only) so
    // that cli.js alone is small and `koordsim --help` never compiles the commands' chunk.
    await esbuild.build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(srcDir, file)])),
      outdir: tmp,
      bundle: true,
      splitting: true,
      chunkNames: '[name]-[hash]',
      format: 'esm',
      platform: 'node',
      // ES module builds first: jsonc-parser's UMD main uses a require() that a bundle cannot follow.
      mainFields: ['module', 'main'],
      plugins: [withoutZodLocales],
      target: 'node20',
      sourcemap: true,
      logLevel: 'error',
    });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process finished the same build first: use its copy.
      if (!existsSync(entry)) throw e;
      rmSync(tmp, { recursive: true, force: true });
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  // Old builds are dead weight: remove them (another process may be running one; on POSIX its
  // loaded modules stay valid, and a chunk it imports later, its commands' chunk within
  // milliseconds of starting or a pool worker, is already in memory or fails loudly).
  for (const name of readdirSync(cacheDir)) {
    if (name !== hash && !name.startsWith('.tmp-')) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
  return entry;
}

// `node bin/compiledCli.js` (npm's `prepare`, after `npm install`): build now. A failed build must not
// fail the install (work in progress in src/ may not compile yet): say so; the CLI builds again, and
// fails loudly, when it is run.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const entry = await compiledCli();
    process.stdout.write(entry ? `koordsim: CLI compiled to ${relative(root, entry)}\n` : 'koordsim: esbuild or src/ missing; the CLI will run through tsx\n');
  } catch (e) {
    process.stderr.write(`koordsim: the CLI did not compile (${e instanceof Error ? e.message : String(e)}); it will try again when run\n`);
  }
}
