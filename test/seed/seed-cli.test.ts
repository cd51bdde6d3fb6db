import { describe, expect, it } from 'vitest';
import { ArgumentError, DEFAULT_WORKERS, parseSeedArguments } from '../../scripts/seed/cli';

describe('npm run seed arguments', () => {
  it('defaults to the demo size, seed 1, no reset', () => {
    expect(parseSeedArguments([])).toEqual({ workers: DEFAULT_WORKERS, seed: 1, reset: false, help: false });
  });

  it('reads --workers, --seed and --reset, also written --flag=value', () => {
    expect(parseSeedArguments(['--workers', '100000', '--seed', '7', '--reset'])).toEqual({ workers: 100_000, seed: 7, reset: true, help: false });
    expect(parseSeedArguments(['--workers=500', '--seed=-3'])).toMatchObject({ workers: 500, seed: -3 });
    expect(parseSeedArguments(['--help']).help).toBe(true);
  });

  it.each([
    [['--workers', '0'], /--workers must be a positive integer, got "0"/],
    [['--workers', '-5'], /--workers must be a positive integer/],
    [['--workers', '2.5'], /--workers must be a positive integer/],
    [['--workers', 'many'], /--workers must be a positive integer, got "many"/],
    [['--workers'], /--workers needs a value/],
    [['--workers', '--reset'], /--workers needs a value/],
    [['--workers', '5000000'], /--workers must be at most 1000000/],
    [['--seed', 'x'], /--seed must be an integer/],
    [['--size', '10'], /unknown option --size/],
    [['-w', '10'], /unknown option -w/],
    [['2000'], /unexpected argument "2000"/],
    [['--reset=yes'], /--reset takes no value/],
    [['--workers', '10', '--workers', '20'], /--workers is given more than once/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseSeedArguments(argv)).toThrow(ArgumentError);
    expect(() => parseSeedArguments(argv)).toThrow(message);
  });
});
