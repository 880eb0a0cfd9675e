-- Each open-data file is also stored compressed (docs/decisions/047): the download answers a
-- client that accepts gzip with those bytes, instead of compressing megabytes on every request.
-- The size of the compressed copy, kept beside the file's key with ".gz" appended; null for a file
-- written before, which is then served as is until the worker writes it again.
alter table open_data_files add column gzip_byte_size bigint check (gzip_byte_size > 0);

-- Files written before this change are written again, with their compressed copy, at the worker's next run.
update open_data_files set source_mark = source_mark || ' (sans copie compressée)';
