import { TickBatcher } from './tick-batcher';

describe('TickBatcher', () => {
  it('runs the calls of one event-loop turn as one batch, answering each its own result', async () => {
    const batches: number[][] = [];
    const batcher = new TickBatcher<number, number>(
      (items) => {
        batches.push([...items]);
        return Promise.resolve(items.map((i) => i * 10));
      },
      { name: 'spec_one_turn' },
    );
    const results = await Promise.all([1, 2, 3].map((i) => batcher.run(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await batcher.run(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('splits a turn into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const batcher = new TickBatcher<number, number>(
      (items) => {
        sizes.push(items.length);
        return Promise.resolve([...items]);
      },
      { name: 'spec_max', maxBatch: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.run(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('retries a failed batch item by item, so one bad item fails only its own call', async () => {
    const calls: number[][] = [];
    const batcher = new TickBatcher<number, string>(
      (items) => {
        calls.push([...items]);
        if (items.includes(2)) return Promise.reject(new Error('item 2 is refused'));
        return Promise.resolve(items.map((i) => `ok ${i}`));
      },
      { name: 'spec_retry' },
    );
    const results = await Promise.allSettled([1, 2, 3].map((i) => batcher.run(i)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'ok 1' },
      { status: 'rejected', reason: new Error('item 2 is refused') },
      { status: 'fulfilled', value: 'ok 3' },
    ]);
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
