import type { Bilingual } from '../../src/protocol.js';
import { asBilingual } from '../i18n/dataLabels.js';

/**
 * The built-in scenarios and example experiments, bundled as text so the worker validates exactly
 * what a user would load. Ids are file names without `.json` under their folder (validation
 * scenarios keep their subfolder: `validation/mmc`).
 */
export interface BuiltIn {
  id: string;
  file: string;
  text: string;
  name: string;
  /** The file's `label: {nb, en}`, else its name in both languages. */
  label: Bilingual;
  description: string;
}

/** Bundled files of one folder as BuiltIns, sorted by id; `schema.json` is not one of them. */
function bundled(files: Record<string, string>, folder: string): BuiltIn[] {
  return Object.entries(files)
    .filter(([path]) => !path.endsWith('/schema.json'))
    .map(([path, text]) => {
      const file = path.replace('../../', '');
      let name = file;
      let description = '';
      let label: Bilingual | null = null;
      try {
        const j = JSON.parse(text) as { name?: string; description?: string; label?: unknown };
        name = j.name ?? file;
        description = j.description ?? '';
        label = asBilingual(j.label);
      } catch {
        // shown by its file name; the tests (and the worker, when it is run) report the syntax error
      }
      return { id: file.replace(new RegExp(`^${folder}/`), '').replace(/\.json$/, ''), file, text, name, label: label ?? { nb: name, en: name }, description };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export const BUILT_INS = bundled(import.meta.glob('../../scenarios/**/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>, 'scenarios');

/** The example experiments (experiments/*.json). */
export const EXPERIMENTS = bundled(import.meta.glob('../../experiments/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>, 'experiments');

/** The first screen's comparison: the same municipality as a relay and as an integrated team. */
export const DEFAULT_A = 'kommune-stafettlop-koordinator';
export const DEFAULT_B = 'kommune-integrert-team-koordinator';

export function builtIn(id: string): BuiltIn | undefined {
  return BUILT_INS.find((b) => b.id === id);
}

/** The built-in scenario an experiment's `scenario` path names (by file name), if any. */
export function builtInByPath(path: string): BuiltIn | undefined {
  const base = path.split('/').pop();
  return BUILT_INS.find((b) => b.file.split('/').pop() === base);
}
