import { BOT_MARK } from 'aurora-protocol';
import { Command, Option } from 'commander';
import { memoryRequested, type ProgramOptions } from '../cli-options.js';
import { systemClock } from '../clock.js';
import { connectRedis } from '../cluster/redis-connection.js';
import { createId } from '../ids.js';
import { silentLogger } from '../logger.js';
import { RedisStore } from '../store/redis.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { createWebhook, WebhookCreateError } from './create.js';

/** The server options the webhook commands read: where the server keeps its data. */
export type WebhookStoreOptions = Pick<ProgramOptions, 'data' | 'memory' | 'redis'>;

/** What the commands print with; tests and `bin.ts` pass the process's streams. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const HELP = `
Incoming webhooks post to a room from scripts and CI: whoever has the URL can post, as the
webhook's name, marked as a bot (${BOT_MARK}). Run these against the server's own --data folder (also
while it runs) or its --redis URL.

Examples:
  aurora-server webhook create --data ./data --room ci --name builds --url https://chat.example.com
  curl -X POST URL -H 'Content-Type: application/json' -d '{"text":"build **412** passed"}'
  curl -X POST URL --data-urlencode 'text=deployed'       (a form)
  echo deployed | curl -X POST URL -H 'Content-Type: text/plain' --data-binary @-
  aurora-server webhook list --data ./data
  aurora-server webhook revoke --data ./data wh_123`;

/**
 * `aurora-server webhook create|list|revoke`. `storeOptions` reads the parent program's options
 * (`--data`, `--memory`, `--redis` and their environment variables), so the commands open the store the
 * server uses. Failures set `process.exitCode` (1, or 2 for bad input) and print one line.
 */
export function createWebhookCommand(
  storeOptions: () => WebhookStoreOptions,
  output: CommandOutput,
): Command {
  const command = new Command('webhook')
    .description('create, list and revoke incoming webhooks (HTTP POST to a room)')
    .addHelpText('after', HELP);
  command
    .command('create')
    .description('make a webhook for a room; prints its secret URL, once')
    .requiredOption('--room <room>', 'the room it posts to')
    .requiredOption('--name <name>', 'the name it posts as (not a registered name or a look-alike)')
    .addOption(
      new Option('--url <base>', 'the address people reach the server at, to print a whole URL').env(
        'AURORA_PUBLIC_URL',
      ),
    )
    .action((options: { room: string; name: string; url?: string }) =>
      withStore(storeOptions(), output, async (store) => {
        const created = await createWebhook(store, options, systemClock, createId);
        const { id, room, name } = created.webhook;
        const base = options.url?.replace(/\/+$/, '');
        output.out(base === undefined ? created.path : `${base}${created.path}`);
        output.err(
          `Webhook ${id} posts to #${room} as ${name}${BOT_MARK}. Keep the URL secret: it is shown only now.`,
        );
        if (base === undefined)
          output.err(
            'Put the address the server is reached at in front of the path (http://HOST:PORT), or pass --url.',
          );
        output.err(`Revoke it with: aurora-server webhook revoke ${id}`);
      }),
    );
  command
    .command('list')
    .description('list webhooks (their secrets are not kept, so not shown)')
    .action(() =>
      withStore(storeOptions(), output, async (store) => {
        const all = await store.webhooks.webhooks();
        if (all.length === 0) output.err('No webhooks.');
        for (const webhook of all)
          output.out(
            `${webhook.id}  #${webhook.room}  ${webhook.name}  created ${new Date(webhook.createdAt).toISOString()}`,
          );
      }),
    );
  command
    .command('revoke')
    .description('delete a webhook: its URL answers 404 from then on, on every node')
    .argument('<id>', 'the webhook, as `webhook list` shows it')
    .action((id: string) =>
      withStore(storeOptions(), output, async (store) => {
        if (await store.webhooks.revokeWebhook(id)) output.err(`Revoked ${id}: its URL now answers 404.`);
        else {
          output.err(`aurora-server: no webhook ${id} (aurora-server webhook list shows them)`);
          process.exitCode = 1;
        }
      }),
    );
  return command;
}

/** Opens the store the server uses (`--data` or `--redis`), runs `work`, closes it; a failure prints one line. */
export async function withStore(
  options: WebhookStoreOptions,
  output: CommandOutput,
  work: (store: Store) => Promise<void>,
): Promise<void> {
  if (memoryRequested(options.memory) && options.redis === undefined) {
    output.err('aurora-server: a --memory server keeps nothing to change; use --data DIR or --redis URL');
    process.exitCode = 2;
    return;
  }
  let store: Store | undefined;
  let close = async () => {};
  try {
    if (options.redis === undefined) {
      const sqlite = new SqliteStore({ dataDir: options.data, clock: systemClock });
      store = sqlite;
      close = () => sqlite.close();
    } else {
      const redis = await connectRedis(options.redis, 'command', silentLogger);
      store = new RedisStore({ redis, clock: systemClock });
      close = async () => {
        await redis.quit();
      };
    }
    await work(store);
  } catch (error) {
    output.err(`aurora-server: ${(error as Error).message}`);
    process.exitCode = error instanceof WebhookCreateError ? 2 : 1;
  } finally {
    await close();
  }
}
