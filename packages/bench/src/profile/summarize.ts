import { readFile } from 'node:fs/promises';

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) that the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one function, or of one area of the code. */
export interface ProfileLine {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** Where a profile's time went: the busiest functions and areas, idle time left out. */
export interface ProfileSummary {
  readonly busyMs: number;
  readonly idleMs: number;
  readonly functions: ProfileLine[];
  readonly areas: ProfileLine[];
}

/** Areas of the code, matched on the script URL, first match wins. */
const AREAS: readonly [string, RegExp][] = [
  ['aurora-server', /packages\/server\/dist\//],
  ['aurora-protocol', /packages\/protocol\/dist\//],
  ['valibot', /valibot/],
  ['ws', /\/ws\/lib\//],
  ['better-sqlite3', /better-sqlite3/],
  ['socket.io / engine.io', /socket\.io|engine\.io/],
  ['node: streams and net', /^node:(internal\/)?(streams?|net|internal\/stream_base_commons)/],
  ['node: other', /^node:/],
];

function areaOf(url: string, functionName: string): string {
  if (url === '')
    return functionName === '(garbage collector)'
      ? 'garbage collector'
      : `native: ${functionName || '(anonymous)'}`;
  for (const [area, pattern] of AREAS) if (pattern.test(url)) return area;
  return 'other JavaScript';
}

function top(totals: Map<string, number>, busy: number, limit: number): ProfileLine[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
}

/** Sums self time per function and per area. */
export function summarizeProfile(profile: CpuProfile, limit = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') {
      idle += delta;
      return;
    }
    busy += delta;
    const file = frame.url.replace(/^.*\/(packages|node_modules)\//, '');
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + delta);
  });
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    functions: top(functions, busy, limit),
    areas: top(areas, busy, limit),
  };
}

function print(summary: ProfileSummary): string {
  const line = ({ name, ms, share }: ProfileLine) =>
    `${(share * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}`;
  return [
    `busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms`,
    '',
    'by area (self time):',
    ...summary.areas.map(line),
    '',
    'by function (self time):',
    ...summary.functions.map(line),
    '',
  ].join('\n');
}

// `node dist/profile/summarize.js FILE.cpuprofile [LIMIT]`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const [file, limit] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/profile/summarize.js FILE.cpuprofile [LIMIT]\n');
    process.exit(2);
  }
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  process.stdout.write(print(summarizeProfile(profile, limit === undefined ? 25 : Number(limit))));
}
