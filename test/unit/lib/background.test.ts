import { describe, expect, it } from 'vitest';
import { backgroundOf, type BackgroundStarter } from '../../../subgraphs/lib/subgraph';

const process = {} as Parameters<BackgroundStarter>[0];

describe('backgroundOf', () => {
  it('starts every piece in order and stops them in reverse order', async () => {
    const log: string[] = [];
    const piece = (name: string): BackgroundStarter => () => {
      log.push(`start ${name}`);
      return { stop: async () => void log.push(`stop ${name}`) };
    };
    const work = backgroundOf(piece('a'), () => null, piece('b'))(process);
    expect(work).not.toBeNull();
    await work!.stop();
    expect(log).toEqual(['start a', 'start b', 'stop b', 'stop a']);
  });

  it('is null when no piece has anything to run', () => {
    expect(backgroundOf(() => null, () => null)(process)).toBeNull();
  });

  it('stops what already started when a later piece refuses its configuration', () => {
    const log: string[] = [];
    const first: BackgroundStarter = () => ({ stop: async () => void log.push('stop first') });
    const bad: BackgroundStarter = () => {
      throw new Error('bad configuration');
    };
    expect(() => backgroundOf(first, bad)(process)).toThrow('bad configuration');
    expect(log).toEqual(['stop first']);
  });
});
