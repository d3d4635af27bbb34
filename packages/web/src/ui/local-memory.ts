const KEY = 'aurora.name';

/** The name this browser joined with last time, to fill in the join screen; '' when unknown. */
export function rememberedName(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return ''; // Storage can be disabled; the field then simply starts empty.
  }
}

/** Remembers the name that was accepted. */
export function rememberName(name: string): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // Nothing to do: remembering the name is a convenience.
  }
}
