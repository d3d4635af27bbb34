import { canonicalName, checkNick } from 'aurora-protocol';
import { Command } from 'commander';
import { type CommandOutput, type WebhookStoreOptions, withStore } from './webhooks/command.js';

const HELP = `
Server admins act as owners in every room, can ban server-wide and /kill. Besides these commands,
--admins alice,bob (AURORA_ADMINS) names admins for one run. Run these against the server's own
--data folder (also while it runs: it reads the list at each action) or its --redis URL.

Examples:
  aurora-server admin promote alice --data ./data
  aurora-server admin list --redis redis://127.0.0.1:6379
  aurora-server admin demote alice --data ./data`;

/**
 * `aurora-server admin promote|demote|list`: the server admins kept in the store, so every node sees
 * a change at the next action. Failures set `process.exitCode` and print one line.
 */
export function createAdminCommand(storeOptions: () => WebhookStoreOptions, output: CommandOutput): Command {
  const command = new Command('admin')
    .description('promote, demote and list server admins')
    .addHelpText('after', HELP);
  command
    .command('promote')
    .description('make a registered account a server admin')
    .argument('<name>', 'the account')
    .action((name: string) =>
      withStore(storeOptions(), output, async (store) => {
        const checked = checkNick(name);
        const account = checked.ok ? await store.accounts.account(canonicalName(checked.name)) : undefined;
        if (!account) {
          output.err(`aurora-server: no account ${name}; people register with /register first`);
          process.exitCode = 2;
          return;
        }
        const changed = await store.moderation.setAdmin(account.key, true);
        output.err(
          changed ? `${account.name} is now a server admin.` : `${account.name} was already a server admin.`,
        );
      }),
    );
  command
    .command('demote')
    .description('take server admin away from an account')
    .argument('<name>', 'the account')
    .action((name: string) =>
      withStore(storeOptions(), output, async (store) => {
        const checked = checkNick(name);
        const key = checked.ok ? canonicalName(checked.name) : name;
        if (await store.moderation.setAdmin(key, false)) output.err(`${name} is no longer a server admin.`);
        else {
          output.err(
            `aurora-server: ${name} is not a promoted admin (admin list shows them; --admins ones are set per run)`,
          );
          process.exitCode = 1;
        }
      }),
    );
  command
    .command('list')
    .description('list the promoted server admins')
    .action(() =>
      withStore(storeOptions(), output, async (store) => {
        const admins = await store.moderation.admins();
        if (admins.length === 0) output.err('No promoted admins.');
        for (const admin of admins) output.out(admin);
      }),
    );
  return command;
}
