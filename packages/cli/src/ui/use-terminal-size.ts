import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Terminal columns and rows. */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal size, updated on resize (so the layout reflows). `fixed` pins it, for tests. */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
