import { formatBytes, formatDuration, formatTime } from './monitoringFormat';

describe('monitoringFormat', () => {
  it.each([
    [512, '512 bytes'],
    [2048, '2.0 kB'],
    [12_900_000, '12.3 MB'],
    [150 * 1024 ** 3, '150 GB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [125, '2 min 5 s'],
    [3600, '1 h'],
    [3 * 3600 + 20 * 60 + 7, '3 h 20 min'],
    [2 * 86400 + 4 * 3600, '2 d 4 h'],
  ])('writes %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('writes no time as never, and keeps what it cannot read', () => {
    expect(formatTime(undefined)).toBe('never');
    expect(formatTime('soon')).toBe('soon');
    expect(formatTime('2026-11-20T09:00:00.000Z')).toMatch(/20 Nov 2026/);
  });
});
