/**
 * Keywords that PostgreSQL's `quote_ident` quotes: every keyword that is not
 * UNRESERVED (`pg_get_keywords()` catcode R, C or T), from PostgreSQL 15 through 18.
 * Quoting them everywhere is what `format_type` and pg_dump do, so an identifier we
 * print is spelled the way the catalog functions print it.
 */

/** Reserved keywords (catcode R): never usable as bare names. */
const RESERVED = `all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create
current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc distinct do
else end except false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime
localtimestamp not null offset on only or order placing primary references returning select session_user some symmetric
system_user table then to trailing true union unique user using variadic when where window with`;

/** Keywords usable as column names but not as function or type names (catcode C). */
const COL_NAME = `between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout
int integer interval json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar
json_serialize json_table json_value least merge_action national nchar none normalize nullif numeric out overlay position
precision real row setof smallint substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement
xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`;

/** Keywords usable as type or function names but not as column names (catcode T). */
const TYPE_FUNC_NAME = `authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull
join left like natural notnull outer overlaps right similar tablesample verbose`;

/** Every keyword `quote_ident` quotes, lower case. */
export const QUOTED_KEYWORDS: ReadonlySet<string> = new Set(`${RESERVED} ${COL_NAME} ${TYPE_FUNC_NAME}`.split(/\s+/).filter(Boolean));
