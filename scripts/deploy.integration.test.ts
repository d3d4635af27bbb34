import { execFile, execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// deploy/: what an operator copies to run Aurora as a service.
const DEPLOY = fileURLToPath(new URL('../deploy/', import.meta.url));

function has(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('deploy/', () => {
  it.skipIf(!has('systemd-analyze'))(
    'aurora.service passes systemd-analyze verify without a warning',
    async () => {
      const { stdout, stderr } = await promisify(execFile)('systemd-analyze', [
        'verify',
        `${DEPLOY}aurora.service`,
      ]);
      expect(`${stdout}${stderr}`).toBe('');
    },
  );

  it('aurora.service keeps history in its state folder and waits for /healthz', async () => {
    const unit = await readFile(`${DEPLOY}aurora.service`, 'utf8');
    expect(unit).toMatch(/^StateDirectory=aurora$/m);
    expect(unit).toMatch(/^ExecStart=.*--data \$\{STATE_DIRECTORY\}$/m);
    expect(unit).toMatch(/^ExecStartPost=.*\/healthz/m);
  });

  it('the Dockerfile keeps history in the /data volume and checks /healthz', async () => {
    const dockerfile = await readFile(`${DEPLOY}Dockerfile`, 'utf8');
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/AURORA_DATA=\/data/);
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD .*\/healthz/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
