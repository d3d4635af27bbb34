import WebSocket from 'ws';

/** Finds the inspector address a Node process started with `--inspect` printed. */
export function inspectorUrl(output: string): string | undefined {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
}

/**
 * Makes a Node process collect all its garbage now, through its inspector
 * (`HeapProfiler.collectGarbage`, twice so objects freed by finalizers go too). Idle memory is
 * then what the connections keep alive, not what V8 happened not to have collected yet.
 */
export async function collectGarbage(url: string): Promise<void> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    for (let id = 1; id <= 2; id++) {
      const answered = new Promise<void>((resolve) => {
        const onMessage = (data: Buffer) => {
          if ((JSON.parse(data.toString()) as { id?: number }).id !== id) return;
          socket.off('message', onMessage);
          resolve();
        };
        socket.on('message', onMessage);
      });
      socket.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
      await answered;
    }
  } finally {
    socket.close();
  }
}
