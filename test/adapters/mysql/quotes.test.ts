/** MariaDB's `\'` inside printed string literals becomes `''`; everything else stays as printed. */
import { describe, expect, it } from 'vitest';
import { standardQuotes } from '../../../adapters/mysql/introspect/quotes.js';

describe('standardQuotes', () => {
  it('doubles a backslash-escaped quote inside a literal only', () => {
    expect(standardQuotes("concat(`d`,' world\\'s €')")).toBe("concat(`d`,' world''s €')");
    expect(standardQuotes("'a\\\\' = `x\\'y`")).toBe("'a\\\\' = `x\\'y`");
    expect(standardQuotes("'it''s' or 'no\\'pe' or 'n\\n'")).toBe("'it''s' or 'no''pe' or 'n\\n'");
    expect(standardQuotes('plain')).toBe('plain');
  });
});
