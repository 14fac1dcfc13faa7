import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('src/ never calls Math.random or the wall clock inside the engine and models (seeded determinism)', () => {
  const offenders: string[] = [];
  for (const f of files('src')) {
    const text = readFileSync(f, 'utf8');
    if (/Math\.random\s*\(/.test(text)) offenders.push(`${f}: Math.random`);
    if ((f.includes('/engine/') || f.includes('/model/')) && /Date\.now\s*\(|performance\.now\s*\(/.test(text)) offenders.push(`${f}: wall clock`);
  }
  expect(offenders).toEqual([]);
});
