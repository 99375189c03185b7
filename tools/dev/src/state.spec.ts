import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevState, writeDevState } from './state';

describe('dev state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-dev-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is empty when missing or unreadable', async () => {
    expect(await readDevState(join(dir, 'state.json'))).toEqual({});
    await writeFile(join(dir, 'bad.json'), '{not json');
    expect(await readDevState(join(dir, 'bad.json'))).toEqual({});
    await writeFile(join(dir, 'wrong.json'), '{"demoTeamId": 42}');
    expect(await readDevState(join(dir, 'wrong.json'))).toEqual({});
  });

  it('round-trips the demo team id', async () => {
    const file = join(dir, 'state.json');
    await writeDevState(file, { demoTeamId: 'team_1' });
    expect(await readDevState(file)).toEqual({ demoTeamId: 'team_1' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ demoTeamId: 'team_1' });
  });
});
