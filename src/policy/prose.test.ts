import { describe, expect, it } from 'vitest';

import { withThousands } from './prose';

describe('withThousands', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [2048, '2,048'],
    [20480, '20,480'],
    [400000, '400,000'],
    [1234567, '1,234,567'],
  ])('writes %i as %s, as the messages always have', (value, written) => {
    expect(withThousands(value)).toBe(written);
    expect(withThousands(value)).toBe(value.toLocaleString('en'));
  });
});
