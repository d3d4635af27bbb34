import { canonicalName, checkNick, parseDuration } from 'aurora-protocol';
import { Command } from 'commander';
import { newResetCode } from './accounts/reset-code.js';
import { systemClock } from './clock.js';
import type { Store } from './store/store.js';
import { type CommandOutput, type WebhookStoreOptions, withStore } from './webhooks/command.js';

const HELP = `
Server admins act as owners in every room, can ban server-wide and /kill. Besides these commands,
--admins alice,bob (AURORA_ADMINS) names admins for one run. Run these against the server's own
--data folder (also while it runs: it reads the list at each action) or its --redis URL.

A person who forgot their password gets a one-time code from reset-password and sets a new
password with it (aurora-chat password --reset-code CODE); every session of the account ends then.

Examples:
  aurora-server admin promote alice --data ./data
  aurora-server admin list --redis redis://127.0.0.1:6379
  aurora-server admin demote alice --data ./data
  aurora-server admin accounts --data ./data
  aurora-server admin reset-password alice --valid 2h --data ./data`;

/** How long a reset code works unless `--valid` says otherwise. */
const RESET_CODE_LIFETIME = '24h';
/** The longest `--valid` accepted: a code is a password that travels by hand. */
const MAX_RESET_CODE_MS = 7 * 86_400_000;

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
  command
    .command('accounts')
    .description('list the registered accounts: name, when registered, and admin where promoted')
    .action(() => withStore(storeOptions(), output, (store) => listAccounts(store, output)));
  command
    .command('reset-password')
    .description('print a one-time code with which an account sets a new password')
    .argument('<name>', 'the account')
    .option('--valid <duration>', 'how long the code works (30m, 2h, 3d; at most 7d)', RESET_CODE_LIFETIME)
    .action((name: string, options: { valid: string }) =>
      withStore(storeOptions(), output, async (store) => {
        const lifetime = parseDuration(options.valid, MAX_RESET_CODE_MS);
        const checked = checkNick(name);
        const account = checked.ok ? await store.accounts.account(canonicalName(checked.name)) : undefined;
        if (lifetime === undefined || !account) {
          output.err(
            lifetime === undefined
              ? `aurora-server: --valid ${options.valid} is not a duration of at most 7d (say 30m, 2h or 3d)`
              : `aurora-server: no account ${name}`,
          );
          process.exitCode = 2;
          return;
        }
        const { code, hash } = newResetCode();
        await store.resetCodes.issueResetCode(account.key, hash, systemClock.now(), lifetime);
        output.out(code);
        output.err(
          `One-time code for ${account.name}, valid ${options.valid}; it replaces any earlier one. They set a new password with:\n` +
            `  aurora-chat password --reset-code ${code} --name ${account.name} --server URL\n` +
            'Every session of the account ends when they do; the current password works until then.',
        );
      }),
    );
  return command;
}

/** Prints every account, one per line: name, registration date, and `admin` for promoted ones. */
async function listAccounts(store: Store, output: CommandOutput): Promise<void> {
  const [accounts, admins] = await Promise.all([store.accounts.listAccounts(), store.moderation.admins()]);
  if (accounts.length === 0) output.err('No registered accounts.');
  const width = Math.max(0, ...accounts.map((account) => account.name.length));
  for (const account of accounts) {
    const since = new Date(account.createdAt).toISOString().slice(0, 10);
    const admin = admins.includes(account.key) ? '  admin' : '';
    output.out(`${account.name.padEnd(width)}  ${since}${admin}`);
  }
}
