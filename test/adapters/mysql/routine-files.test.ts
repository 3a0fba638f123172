/**
 * A MySQL routine's definition ends with its inline BEGIN … END body, whose semicolons
 * are its own: the model file loads. Text that would end the CREATE and start another
 * statement is still refused, in the head, after the body, or through a body that is
 * not the definition's end.
 */
import { describe, expect, it } from 'vitest';
import { inlineRoutineDefinitionProblem } from '../../../unified-model/expressions.js';

const body = 'BEGIN\n  DECLARE n INT;\n  IF a > 0 THEN SET n = 1; END IF;\n  RETURN n;\nEND';
const head = 'CREATE FUNCTION `f`(`a` int(11)) RETURNS int(11)\n    DETERMINISTIC\n';

describe('inlineRoutineDefinitionProblem', () => {
  it('accepts a definition that ends with its block body, and one-statement bodies', () => {
    expect(inlineRoutineDefinitionProblem(head + body, body)).toBeUndefined();
    expect(inlineRoutineDefinitionProblem(`${head}RETURN a + 1`, 'RETURN a + 1')).toBeUndefined();
  });

  it('refuses a second statement after the body, in the head, or a body that closes a block it did not open', () => {
    expect(inlineRoutineDefinitionProblem(`${head + body}; DROP TABLE t`, `${body}; DROP TABLE t`)).toMatch(/would start another statement/);
    expect(inlineRoutineDefinitionProblem(`${head}; DROP TABLE t; ${body}`, body)).toMatch(/would start another statement/);
    const stray = 'BEGIN RETURN 1; END; DROP TABLE t; BEGIN END';
    expect(inlineRoutineDefinitionProblem(head + stray, stray)).toMatch(/would start another statement/);
    // the body field must be what the definition ends with: else only the standard shape counts
    expect(inlineRoutineDefinitionProblem(head + body, 'RETURN 1')).toMatch(/would start another statement/);
    // a head that opens a block (a routine named begin) does not make the semicolons after it the body's
    const named = 'CREATE FUNCTION begin() RETURNS int ';
    expect(inlineRoutineDefinitionProblem(`${named}RETURN 1; DROP TABLE t; END`, 'RETURN 1; DROP TABLE t; END')).toMatch(/would start another statement/);
  });
});
