import { defineConfig } from 'vitest/config';

// Workspace packages resolve each other's TypeScript source through the `@aurora/source` export
// condition, so tests never need a build of their dependencies.
const sourceFirst = (conditions: string[]) => ['@aurora/source', ...conditions];

export default defineConfig({
  resolve: { conditions: sourceFirst(['module', 'browser', 'development|production']) },
  ssr: { resolve: { conditions: sourceFirst(['module', 'node', 'development|production']) } },
  test: {
    projects: [
      ...['protocol', 'client', 'server', 'cli', 'web', 'bench'].map((name) => ({
        extends: true as const,
        test: {
          name,
          root: `packages/${name}`,
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
        },
      })),
      // The workspace's own scripts (scripts/build-stale.mjs).
      { extends: true as const, test: { name: 'scripts', root: 'scripts', include: ['*.test.ts'] } },
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
