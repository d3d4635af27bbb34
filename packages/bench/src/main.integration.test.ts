import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

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
  runs: { saturation: Record<string, { steps: { deliveredPerS: number }[] }[]> };
  machine: string;
  quick: boolean;
  skipped: Record<string, string>;
  scenarios: Record<string, Record<string, Record<string, unknown>>>;
  targets: { target: string; met: boolean | null }[];
}

describe('pnpm bench --quick', () => {
  let out = '';
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('runs every available server through every scenario and writes the table and latest.json', async () => {
    expect(existsSync(MAIN), 'build aurora-bench first (pnpm build)').toBe(true);
    out = await mkdtemp(join(tmpdir(), 'aurora-bench-smoke-'));
    const { code, output } = await run(['--quick', '--out', out]);
    expect(code, output).toBe(0);

    const latest = JSON.parse(await readFile(join(out, 'latest.json'), 'utf8')) as Latest;
    expect(latest.machine).toMatch(/Node \d+/);
    expect(latest.quick).toBe(true);
    const servers = ['ws', 'aurora', 'socketio', 'fastapi'].filter((name) => !(name in latest.skipped));
    expect(servers).toEqual(expect.arrayContaining(['ws', 'aurora', 'socketio']));
    for (const name of servers) {
      // Delivery happened: figures are counts of messages that arrived, never timing checks (a
      // step passing or failing is a timing, so the cap is only checked to be reported).
      expect(latest.runs.saturation[name]![0]!.steps[0]!.deliveredPerS, name).toBeGreaterThan(0);
      expect(typeof latest.scenarios.saturation![name]!.cap_per_s, name).toBe('number');
      expect(latest.scenarios.steady![name]!.delivered_per_s, name).toBeGreaterThan(0);
      expect(latest.scenarios.steady![name]!.share, name).toBeGreaterThan(0);
      expect(typeof latest.scenarios.idle10k![name]!.kb_per_conn, name).toBe('number');
      // Every client of both connect storms was welcomed: at least one frame each.
      expect(latest.scenarios.connect![name]!.c200_r20_frames, name).toBeGreaterThanOrEqual(200);
      expect(latest.scenarios.connect![name]!.c100_r100_frames, name).toBeGreaterThanOrEqual(100);
      // C100k at its quick size: everyone welcomed, and messages delivered (counts, not timings).
      expect(latest.scenarios.c100k![name]).toMatchObject({ clients: 400, welcomed: 400 });
      expect(latest.scenarios.c100k![name]!.share, name).toBeGreaterThan(0);
    }
    // Every client of the restart came back, and none with a gap in its room's history.
    expect(latest.scenarios.reconnect).toMatchObject({ clients: 100, gaps: 0, lost: 0 });
    expect(latest.runs.saturation['aurora-memory']![0]!.steps[0]!.deliveredPerS).toBeGreaterThan(0);
    expect(latest.scenarios.persistence).toHaveProperty('store_cost');
    // The cluster (CI installs redis-server) takes steady and saturation only, beside the others.
    if (!('aurora-cluster' in latest.skipped)) {
      expect(latest.runs.saturation['aurora-cluster']![0]!.steps[0]!.deliveredPerS).toBeGreaterThan(0);
      expect(typeof latest.scenarios.saturation!['aurora-cluster']!.cap_per_s).toBe('number');
      // Half of every room is on the other node: more than half delivered means deliveries crossed.
      expect(latest.scenarios.steady!['aurora-cluster']!.share).toBeGreaterThan(0.5);
      expect(latest.scenarios.idle10k).not.toHaveProperty('aurora-cluster');
      expect(latest.scenarios.connect).not.toHaveProperty('aurora-cluster');
    }
    expect(latest.scenarios.terminal).toMatchObject({
      frame_p50_ms: expect.any(Number),
      frame_p99_ms: expect.any(Number),
      rss_mb: expect.any(Number),
      paste_ms: expect.any(Number),
    });
    expect(latest.scenarios.search).toHaveProperty('all');
    expect(latest.targets.length).toBeGreaterThanOrEqual(8);

    const table = await readFile(join(out, 'latest.md'), 'utf8');
    expect(table).toContain(
      'aurora-cluster' in latest.skipped
        ? '| | bare ws | Aurora | Aurora --memory | Socket.IO 4 |'
        : '| | bare ws | Aurora | Aurora --memory | Aurora cluster (2 nodes + Redis) | Socket.IO 4 |',
    );
    expect(table).toContain('Saturation cap');
    expect(table).toContain('## Targets');
  }, 240_000);
});
