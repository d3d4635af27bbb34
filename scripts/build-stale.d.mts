/** A workspace package as build-stale sees it. */
export interface WorkspacePackage {
  readonly dir: string;
  readonly deps: readonly string[];
  readonly buildable: boolean;
}
/** The workspace's packages by name. */
export declare function readWorkspace(root: string): Map<string, WorkspacePackage>;
/** The newest modification time under `path`. */
export declare function newestChange(path: string, withTop?: boolean): number;
/** Why `name` must be rebuilt, or undefined when its dist/ is up to date. */
export declare function staleReason(
  root: string,
  packages: Map<string, WorkspacePackage>,
  name: string,
  rebuilt?: ReadonlySet<string>,
): string | undefined;
/** `targets` and their workspace dependencies, dependencies first. */
export declare function buildOrder(
  packages: Map<string, WorkspacePackage>,
  targets: readonly string[],
): string[];
/** Builds what is stale among `targets` and their dependencies; returns the names it built. */
export declare function buildStale(
  root: string,
  targets: readonly string[],
  log?: (line: string) => void,
): string[];
