const D=require('better-sqlite3'); const d=new D(':memory:');
d.exec(require('fs').readFileSync('test/adapters/sqlite/features.sql','utf8'));
const q=(s)=>console.table(d.prepare(s).all());
q("select type,name,tbl_name,length(sql) l from sqlite_schema");
q("select * from pragma_table_list");
q("select s.name t, c.* from sqlite_schema s join pragma_table_xinfo(s.name) c where s.type in ('table','view')");
q("select s.name t, c.* from sqlite_schema s join pragma_foreign_key_list(s.name) c where s.type='table'");
q("select s.name t, c.* from sqlite_schema s join pragma_index_list(s.name) c where s.type='table'");
q("select s.name t, il.name i, c.* from sqlite_schema s join pragma_index_list(s.name) il join pragma_index_xinfo(il.name) c where s.type='table'");
