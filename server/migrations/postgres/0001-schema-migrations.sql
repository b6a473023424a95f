-- Which migrations this database has had (version = the number in the file name).
create table schema_migrations (version integer primary key, applied_at timestamptz not null);
