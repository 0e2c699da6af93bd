import { describe, expect, it } from '@jest/globals';
import { StartFailure, causeOf, describeStartFailure } from './start-failure.js';

describe('describeStartFailure', () => {
  it('gives a StartFailure message as it is, on one line', () => {
    const failure = new StartFailure('PORT 3000 is in use\nstop the other program');
    expect(describeStartFailure(failure, 'listening')).toBe('PORT 3000 is in use; stop the other program');
  });

  it('names the step and the message of any other error', () => {
    expect(describeStartFailure(new Error('connect ECONNREFUSED 127.0.0.1:5432'), 'preparing the database')).toBe(
      'preparing the database failed: connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('still says what failed when the error has no message, or nothing was thrown', () => {
    expect(describeStartFailure(new Error(), 'starting the embedded PostgreSQL')).toBe(
      'starting the embedded PostgreSQL failed: Error without a message',
    );
    expect(describeStartFailure(undefined, 'starting the embedded PostgreSQL')).toBe(
      'starting the embedded PostgreSQL failed: undefined was thrown (no error object)',
    );
  });
});

describe('causeOf', () => {
  it('reads the inner errors of an AggregateError that has no message of its own', () => {
    const both = new AggregateError([new Error('connect ECONNREFUSED ::1:54329'), new Error('connect ECONNREFUSED 127.0.0.1:54329')]);
    expect(causeOf(both)).toBe('connect ECONNREFUSED ::1:54329 | connect ECONNREFUSED 127.0.0.1:54329');
  });

  it('adds the cause and the code when there is one', () => {
    const coded = Object.assign(new Error(''), { code: 'EACCES' });
    expect(causeOf(new Error('could not run initdb', { cause: coded }))).toBe(
      'could not run initdb (cause: Error EACCES without a message)',
    );
    expect(causeOf('plain text')).toBe('string thrown: plain text');
  });
});
