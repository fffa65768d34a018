import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors';
import { createLogger, errorFields } from '../src/log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

describe('logging', () => {
  it('writes one JSON line per event with the bound ids', () => {
    const { logger, lines } = capture();
    logger.child({ conv: 'abc123' }).info('turn', { step: 'site_area' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'turn', conv: 'abc123', step: 'site_area', app: 'samverka' });
  });

  it('redacts text-like fields at any depth', () => {
    const { logger, lines } = capture();
    logger.info('oops', { text: 'room 214', value: { observations: 'red jacket' }, nested: { from: { name: 'Anna' } } });
    const line = lines.join('');
    for (const secret of ['room 214', 'red jacket', 'Anna']) expect(line).not.toContain(secret);
  });

  it('keeps only stack frames of an error whose message may carry user text', () => {
    const err = new Error('could not parse\nroom 214, phone 070-123 45 67');
    const fields = errorFields(err);
    expect(JSON.stringify(fields)).not.toContain('room 214');
    expect(JSON.stringify(fields)).not.toContain('070-123');
    expect(String(fields.stack)).toMatch(/^\s+at /);
    expect(fields.errMessage).toBeUndefined();
  });

  it('keeps our own AppError messages (they name codes and blob kinds, never user text)', () => {
    expect(errorFields(new AppError('STORAGE_UNAVAILABLE', 'write state/…: storage unavailable'))).toMatchObject({
      errName: 'AppError',
      errMessage: 'write state/…: storage unavailable',
    });
  });
});
