import { describe, expect, it } from 'vitest';
import { Receiver } from 'ws';
import { clientFrame, FrameReader, Opcode } from './ws-frames.js';

function serverFrame(payload: string): Buffer {
  const body = Buffer.from(payload);
  const header =
    body.length < 126
      ? Buffer.from([0x81, body.length])
      : Buffer.from([0x81, 126, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([header, body]);
}

function collect(): { reader: FrameReader; frames: [number, string][] } {
  const frames: [number, string][] = [];
  const reader = new FrameReader((opcode, data, start, end) =>
    frames.push([opcode, data.toString('utf8', start, end)]),
  );
  return { reader, frames };
}

describe('FrameReader', () => {
  it('splits several frames that arrive in one read', () => {
    const { reader, frames } = collect();
    reader.push(Buffer.concat([serverFrame('one'), serverFrame('x'.repeat(300)), serverFrame('three')]));
    expect(frames).toEqual([
      [Opcode.Text, 'one'],
      [Opcode.Text, 'x'.repeat(300)],
      [Opcode.Text, 'three'],
    ]);
  });

  it('joins frames cut at every possible byte, even when the read buffer is reused', () => {
    const stream = Buffer.concat([serverFrame('hello'), serverFrame('y'.repeat(200)), serverFrame('end')]);
    for (let cut = 1; cut < stream.length; cut++) {
      const { reader, frames } = collect();
      const scratch = Buffer.alloc(stream.length);
      stream.copy(scratch, 0, 0, cut);
      reader.push(scratch.subarray(0, cut));
      scratch.fill(0);
      stream.copy(scratch, 0, cut);
      reader.push(scratch.subarray(0, stream.length - cut));
      expect(frames.map(([, text]) => text)).toEqual(['hello', 'y'.repeat(200), 'end']);
    }
  });
});

describe('clientFrame', () => {
  it.each([5, 200, 70_000])('builds a masked frame of %i bytes that ws decodes', async (size) => {
    const text = 'z'.repeat(size);
    const receiver = new Receiver({ isServer: true });
    const received = new Promise<string>((resolve) =>
      receiver.on('message', (data: Buffer) => resolve(data.toString())),
    );
    receiver.write(clientFrame(text));
    expect(await received).toBe(text);
  });
});
