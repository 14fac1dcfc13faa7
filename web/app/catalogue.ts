/**
 * The built-in scenarios, bundled as text so the worker validates exactly what a user would load.
 * Ids are file names without `.json` (validation scenarios keep their folder: `validation/mmc`).
 */
const files = import.meta.glob('../../scenarios/**/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BuiltIn {
  id: string;
  file: string;
  text: string;
  name: string;
  description: string;
}

export const BUILT_INS: BuiltIn[] = Object.entries(files)
  .filter(([path]) => !path.endsWith('/schema.json'))
  .map(([path, text]) => {
    const file = path.replace('../../', '');
    let name = file;
    let description = '';
    try {
      const j = JSON.parse(text) as { name?: string; description?: string };
      name = j.name ?? file;
      description = j.description ?? '';
    } catch {
      // a built-in that is not JSON is caught by the scenario tests; show its file name
    }
    return { id: file.replace(/^scenarios\//, '').replace(/\.json$/, ''), file, text, name, description };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** The first screen's comparison: the same municipality as a relay and as an integrated team. */
export const DEFAULT_A = 'kommune-stafettlop-koordinator';
export const DEFAULT_B = 'kommune-integrert-team-koordinator';

export function builtIn(id: string): BuiltIn | undefined {
  return BUILT_INS.find((b) => b.id === id);
}

const experimentFiles = import.meta.glob('../../experiments/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The example experiments (experiments/*.json), bundled as text like the scenarios. */
export const EXPERIMENTS: BuiltIn[] = Object.entries(experimentFiles)
  .filter(([path]) => !path.endsWith('/schema.json'))
  .map(([path, text]) => {
    const file = path.replace('../../', '');
    let name = file;
    let description = '';
    try {
      const j = JSON.parse(text) as { name?: string; description?: string };
      name = j.name ?? file;
      description = j.description ?? '';
    } catch {
      // shown by its file name; the worker reports the syntax error when it is run
    }
    return { id: file.replace(/^experiments\//, '').replace(/\.json$/, ''), file, text, name, description };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** The built-in scenario an experiment's `scenario` path names (by file name), if any. */
export function builtInByPath(path: string): BuiltIn | undefined {
  const base = path.split('/').pop();
  return BUILT_INS.find((b) => b.file.split('/').pop() === base);
}
