import { Lifecycle } from './lifecycle';

describe('Lifecycle', () => {
  it('stops in reverse order, once, reporting failures without stopping the rest', async () => {
    const stopped: string[] = [];
    const reports: string[] = [];
    const lifecycle = new Lifecycle((m) => reports.push(m));
    lifecycle.add({ name: 'postgres', stop: () => Promise.resolve(void stopped.push('postgres')) });
    lifecycle.add({ name: 'nats', stop: () => Promise.reject(new Error('gone')) });
    lifecycle.add({ name: 'services', stop: () => Promise.resolve(void stopped.push('services')) });
    await Promise.all([lifecycle.shutdown(), lifecycle.shutdown()]);
    expect(stopped).toEqual(['services', 'postgres']);
    expect(reports).toEqual(['could not stop nats: gone']);
    expect(lifecycle.isClosing).toBe(true);
  });

  it('stops at once what is added after shutdown began', async () => {
    const lifecycle = new Lifecycle(() => undefined);
    await lifecycle.shutdown();
    const stop = jest.fn(() => Promise.resolve());
    lifecycle.add({ name: 'late', stop });
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
