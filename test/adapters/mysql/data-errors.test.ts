/**
 * E_DATA_WRITE from MariaDB/MySQL messages (as the server words them): the column is
 * named, the value never, even one that itself looks like the rest of a message.
 */
import { describe, expect, it } from 'vitest';
import { columnNamed, complaintError, scrubValues } from '../../../adapters/mysql/data-errors.js';

const columns = ['id', 's', 'u', 'weird`name'];
const names = new Set(['PRIMARY', ...columns]);

describe('MySQL data write errors', () => {
  it.each([
    ["Incorrect uuid value: 'not-a-uuid-secret' for column `db`.`t`.`u` at row 3", 'u', 'row 3 of the batch'],
    ["Incorrect integer value: 'it's secret' for column `db`.`t`.`s` at row 1", 's', 'row 1 of the batch'],
    ["Data too long for column 's' at row 2", 's', 'row 2 of the batch'],
    ["Incorrect string value: '\\xF0\\x9F\\x98\\x80secret' for column `db`.`t`.`weird``name` at row 1", 'weird`name', 'row 1'],
    ["Incorrect datetime value: 'secret' for column ' for column `db`.`t`.`id` at row 1", 'id', 'row 1'],
    ["Column 'u' cannot be null", 'u', ''],
    ['CONSTRAINT `t.s` failed for `db`.`t`', 's', ''],
  ])('%s', (message, column, where) => {
    const e = complaintError('t', columns, names, { code: 1292, message }, 0);
    expect(e.code).toBe('E_DATA_WRITE');
    expect(e.message).toContain(`t.${column}`);
    expect(e.message).toContain(where);
    expect(e.message).not.toContain('secret');
    expect(columnNamed(message, columns)).toBe(column);
  });

  it('cuts the key value out of a duplicate entry, keeping the key name', () => {
    const text = scrubValues("Duplicate entry 'secret-'-1' for key 'PRIMARY'", names);
    expect(text).toBe("Duplicate entry for key 'PRIMARY'");
  });

  it('cuts any quoted text that is not one of the table names out of other messages', () => {
    expect(scrubValues("Truncated incorrect DOUBLE value: 'secret'", names)).toBe("Truncated incorrect DOUBLE value: '…'");
    expect(scrubValues('Invalid JSON text: "Missing a name for object member." at position 1 in value for column \'t.j\'.', names)).not.toContain('Missing');
  });

  it('counts the row from the start of the batch when a batch took several statements', () => {
    const e = complaintError('t', columns, names, { message: "Data too long for column 's' at row 2" }, 500);
    expect(e.message).toContain('row 502 of the batch');
  });
});
