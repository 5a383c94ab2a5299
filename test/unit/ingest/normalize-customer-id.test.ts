import { describe, expect, it } from 'vitest';
import { normalizeCustomerId } from '../../../src/core/index.ts';

describe('normalizeCustomerId', () => {
  it('undoes float formatting of integer ids', () => {
    expect(normalizeCustomerId('17850.0')).toBe('17850');
    expect(normalizeCustomerId('17850.00')).toBe('17850');
  });

  it('keeps other ids as written, trimmed', () => {
    expect(normalizeCustomerId(' C-001 ')).toBe('C-001');
    expect(normalizeCustomerId('17850.5')).toBe('17850.5');
    expect(normalizeCustomerId('007')).toBe('007');
    expect(normalizeCustomerId('  ')).toBe('');
  });
});
