import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

interface Latest {
  scenarios: { search: Record<string, Record<string, unknown>> };
  runs: { search: { runs: { search: { errors: Record<string, number> } }[] } };
  targets: { target: string; met: boolean | null }[];
}

describe('pnpm bench --quick --scenarios search', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('seeds a small history, searches it under load, and reports latency, index share and both caps', async () => {
    expect(existsSync(MAIN), 'build aurora-bench first (pnpm build)').toBe(true);
    out = await mkdtemp(join(tmpdir(), 'aurora-bench-search-'));
    const { code, output } = await run([
      '--quick',
      '--scenarios',
      'search',
      '--servers',
      'aurora',
      '--out',
      out,
    ]);
    expect(code, output).toBe(0);

    const latest = JSON.parse(await readFile(join(out, 'latest.json'), 'utf8')) as Latest;
    const search = latest.scenarios.search;
    expect(search.seed).toMatchObject({ messages: 2000, rooms: 4, index_size_method: 'dbstat' });
    expect(search.seed!.index_share).toBeGreaterThan(0);
    expect(search.seed!.index_share).toBeLessThan(1);
    // Searches were answered, with results, in every class: counts, never timings.
    for (const wordClass of ['common', 'medium', 'rare', 'all']) {
      expect(search[wordClass]!.queries, wordClass).toBeGreaterThan(0);
      expect(search[wordClass]!.answered_share, wordClass).toBe(1);
    }
    expect(search.common!.mean_results).toBe(20);
    expect(latest.runs.search.runs[0]!.search.errors).toEqual({});
    expect(search.saturation!.cap_index_on_per_s).toBeGreaterThan(0);
    expect(search.saturation!.cap_index_off_per_s).toBeGreaterThan(0);
    expect(latest.targets.filter((check) => check.target.startsWith('search')).length).toBe(3);

    const table = await readFile(join(out, 'latest.md'), 'utf8');
    expect(table).toContain('## Search');
    expect(table).toContain('| | common | medium | rare | all |');
    expect(table).not.toContain('| | bare ws');
  }, 60_000);
});
