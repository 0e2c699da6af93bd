import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ERROR_STATUS } from '../../src/common/errors/error-codes.js';

type Strings = Record<'zh' | 'en', Record<string, string>>;
const loadStrings = async (): Promise<Strings> => {
  const file = pathToFileURL(path.resolve('web', 'js', 'i18n.js')).href;
  return ((await import(file)) as { STRINGS: Strings }).STRINGS;
};

describe('the pages speak Chinese for every error the API can answer with', () => {
  it('has a Chinese message for each error code, with no English letters in it', async () => {
    const { zh } = await loadStrings();
    const missing = Object.keys(ERROR_STATUS).filter((code) => !zh['err.' + code]);
    expect(missing).toEqual([]);
    const english = Object.keys(ERROR_STATUS).filter((code) => /[A-Za-z]{3,}/.test(zh['err.' + code] ?? ''));
    expect(english).toEqual([]);
  });
});
