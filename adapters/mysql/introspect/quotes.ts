/**
 * The server prints expressions it normalized (defaults, generated columns, checks,
 * view queries) with a quote inside a string literal escaped by a backslash
 * (`'world\'s'`). A model file must read the same whether or not a backslash escapes
 * (unified-model/expressions.ts), so such a quote is written the standard way, doubled
 * (`'world''s'`), which every sql_mode reads alike. Other backslash escapes stay.
 */

/**
 * @example standardQuotes("concat(`d`,' world\\'s')") // "concat(`d`,' world''s')"
 */
export function standardQuotes(text: string): string {
  if (!text.includes("\\'")) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '`' || c === '"') {
      // a quoted name: copied whole (a doubled quote stays inside it)
      let j = i + 1;
      while (j < text.length && (text[j] !== c || text[j + 1] === c)) j += text[j] === c ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "'") {
      out += c;
      i++;
      while (i < text.length) {
        if (text[i] === '\\' && text[i + 1] === "'") { out += "''"; i += 2; }
        else if (text[i] === '\\') { out += text.slice(i, i + 2); i += 2; }
        else if (text[i] === "'" && text[i + 1] === "'") { out += "''"; i += 2; }
        else if (text[i] === "'") { out += "'"; i++; break; }
        else { out += text[i]; i++; }
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
