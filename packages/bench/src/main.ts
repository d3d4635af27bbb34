import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchConfig, FULL_CONFIG, QUICK_CONFIG } from './config.js';
import { canPin, describeBuild, describeMachine, loadAverage, pinSelf } from './machine.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { type BenchResults, summarise } from './report/results.js';
import { checkTargets } from './report/targets.js';
import { runC100k } from './scenarios/c100k.js';
import { runConnect } from './scenarios/connect.js';
import { runReconnect } from './scenarios/reconnect.js';
import { runSearchScenario } from './scenarios/search.js';
import { type RunContext, runIdle, runSaturation, runSteady } from './scenarios/server-runs.js';
import { AURORA_BEFORE_BIN, AURORA_BIN } from './servers/aurora.js';
import { SERVERS } from './servers/catalog.js';
import { SERVER_NAMES, type ServerName } from './servers/server-kind.js';
import { runTerminalBench } from './terminal/run.js';

const SCENARIOS = [
  'steady',
  'saturation',
  'persistence',
  'idle',
  'connect',
  'reconnect',
  'c100k',
  'search',
  'terminal',
] as const;
type Scenario = (typeof SCENARIOS)[number];
const USAGE = `usage: pnpm bench [--quick] [--repetitions N] [--scenarios ${SCENARIOS.join(',')}]
                  [--servers ${SERVER_NAMES.filter((name) => name !== 'aurora-memory').join(',')}] [--out DIR] [--no-pin] [--profile DIR] [--c100k-clients N]`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    repetitions: { type: 'string' },
    scenarios: { type: 'string' },
    servers: { type: 'string' },
    out: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'c100k-clients': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

function list<T extends string>(raw: string | undefined, known: readonly T[], fallback: readonly T[]): T[] {
  if (raw === undefined) return [...fallback];
  const picked = raw.split(',').map((item) => item.trim());
  const unknown = picked.filter((item) => !known.includes(item as T));
  if (unknown.length > 0) {
    process.stderr.write(`unknown: ${unknown.join(', ')}\n${USAGE}\n`);
    process.exit(2);
  }
  return picked as T[];
}

const base = values.quick ? QUICK_CONFIG : FULL_CONFIG;
const config: BenchConfig = {
  ...base,
  repetitions: values.repetitions === undefined ? base.repetitions : Number(values.repetitions),
  // Where the open-files limit cannot be raised, the largest C100k that fits (same rooms' size and rate).
  c100k:
    values['c100k-clients'] === undefined
      ? base.c100k
      : { ...base.c100k, clients: Number(values['c100k-clients']) },
};
const scenarios = list<Scenario>(values.scenarios, SCENARIOS, SCENARIOS);
const requested = list<ServerName>(values.servers, SERVER_NAMES, [
  'ws',
  'aurora',
  'aurora-cluster',
  'socketio',
  'fastapi',
]);
const outDir =
  values.out ?? fileURLToPath(new URL(values.quick ? '../results/quick/' : '../results/', import.meta.url));
const pinned = !values['no-pin'] && canPin();
if (pinned) pinSelf(1);

const startedAt = new Date();
const log = (line: string) => process.stderr.write(`${line}\n`);
const skipped: BenchResults['skipped'] = {};
const servers = requested.filter((name) => {
  const problem = SERVERS[name].unavailable();
  if (problem) {
    skipped[name] = problem;
    log(`${SERVERS[name].label}: ${problem}`);
  }
  return problem === undefined;
});
// Idle, connect and C100k read one process's memory and CPU: a cluster takes steady and saturation only.
const oneProcess = servers.filter((name) => SERVERS[name].oneProcess);
const context: RunContext = {
  config,
  start: { cpu: pinned ? 0 : undefined, profileDir: values.profile },
  log,
};
const machine = describeMachine(pinned);
log(`machine: ${machine}`);

const results: { -readonly [K in keyof BenchResults]: BenchResults[K] } = {
  machine,
  command: `pnpm bench${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
  builds: {
    today: describeBuild(AURORA_BIN),
    ...(AURORA_BEFORE_BIN === undefined ? {} : { before: describeBuild(AURORA_BEFORE_BIN) }),
  },
  startedAt: startedAt.toISOString(),
  finishedAt: '',
  quick: values.quick,
  config,
  skipped,
  steady: {},
  saturation: {},
  idle: {},
  connect: {},
  reconnect: [],
  c100k: {},
  terminal: [],
};

/** Runs `body` for every repetition and server, rotating the order so no server always goes first. */
async function interleave(
  scenario: string,
  names: readonly ServerName[],
  body: (name: ServerName) => Promise<void>,
): Promise<void> {
  for (let repetition = 0; repetition < config.repetitions; repetition++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + repetition) % names.length]!;
      log(
        `${scenario} ${repetition + 1}/${config.repetitions}: ${SERVERS[name].label} (load ${loadAverage()})`,
      );
      await body(name);
    }
  }
}

function push<T>(into: Partial<Record<ServerName, T[]>>, name: ServerName, value: T): void {
  const list = into[name] ?? [];
  list.push(value);
  into[name] = list;
}

if (scenarios.includes('steady'))
  await interleave('steady', servers, async (name) =>
    push(results.steady, name, await runSteady(SERVERS[name], context)),
  );
if (scenarios.includes('saturation') || scenarios.includes('persistence')) {
  const names = scenarios.includes('saturation') ? [...servers] : servers.filter((name) => name === 'aurora');
  if (scenarios.includes('persistence') && servers.includes('aurora'))
    names.splice(names.indexOf('aurora') + 1, 0, 'aurora-memory');
  await interleave('saturation', names, async (name) => {
    const previous = results.saturation[name]?.at(-1)?.capPerS ?? 0;
    push(results.saturation, name, await runSaturation(SERVERS[name], context, previous));
  });
}
if (scenarios.includes('idle'))
  await interleave('idle', oneProcess, async (name) =>
    push(results.idle, name, await runIdle(SERVERS[name], context)),
  );
if (scenarios.includes('connect'))
  for (const [index, shape] of config.connect.shapes.entries())
    await interleave(`connect ${shape.clients}/${shape.roomSize}`, oneProcess, async (name) => {
      const runs = results.connect[name] ?? [];
      results.connect[name] = runs;
      const repetitions = runs[index] ?? [];
      runs[index] = repetitions;
      repetitions.push(await runConnect(SERVERS[name], context, shape));
    });
if (scenarios.includes('reconnect')) {
  if (servers.includes('aurora'))
    for (let repetition = 0; repetition < config.repetitions; repetition++) {
      log(`reconnect ${repetition + 1}/${config.repetitions}: Aurora (load ${loadAverage()})`);
      results.reconnect.push(await runReconnect(context, config.reconnect));
    }
  else log('reconnect: skipped, it measures Aurora (add aurora to --servers)');
}
if (scenarios.includes('c100k'))
  await interleave('c100k', oneProcess, async (name) =>
    push(results.c100k, name, await runC100k(SERVERS[name], context, config.c100k)),
  );
if (scenarios.includes('search')) {
  if (servers.includes('aurora')) results.search = await runSearchScenario(context);
  else log('search: skipped, it measures Aurora (add aurora to --servers)');
}
if (scenarios.includes('terminal')) {
  for (let repetition = 0; repetition < config.repetitions; repetition++) {
    log(`terminal ${repetition + 1}/${config.repetitions}`);
    results.terminal.push(await runTerminalBench({ quick: values.quick, cpu: pinned ? 1 : undefined, log }));
  }
}

results.finishedAt = new Date().toISOString();
const summary = summarise(results);
const targets = checkTargets(summary);
const markdown = renderMarkdown(results, summary, targets);
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'latest.md'), markdown);
await writeFile(join(outDir, 'latest.json'), renderJson(results, summary, targets));
if (!values.quick)
  await writeFile(join(outDir, `${startedAt.toISOString().slice(0, 16).replace(':', '')}.md`), markdown);
process.stdout.write(markdown);
log(`wrote ${outDir}; load average ${loadAverage()} at the end`);
