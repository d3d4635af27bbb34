import type { BuildOptions } from 'esbuild';

/** The esbuild options of the published bundle. */
export declare const bundleOptions: BuildOptions;
