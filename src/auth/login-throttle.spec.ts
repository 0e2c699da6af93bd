import { addressDelayMs } from './login-throttle.js';

describe('addressDelayMs', () => {
  it('lets an address within its allowance through at once', () => {
    expect(addressDelayMs(0, 20, 500)).toBe(0);
    expect(addressDelayMs(20, 20, 500)).toBe(0);
  });

  it('slows each attempt more after the allowance, up to the cap', () => {
    expect(addressDelayMs(21, 20, 500)).toBe(500);
    expect(addressDelayMs(24, 20, 500)).toBe(2000);
    expect(addressDelayMs(1000, 20, 500)).toBe(10_000);
  });
});
