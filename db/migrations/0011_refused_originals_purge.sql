-- A refused file's original is never served and nothing more will be made of it: the scheduled
-- purge deletes it from the store. The row stays (its owner still reads the refusal), marked here
-- so that the next run does not take it again.
alter table proposal_files add column original_purged_at timestamptz;
alter table proposal_files add constraint proposal_files_purged_only_refused check (original_purged_at is null or status = 'refused');
create index proposal_files_original_to_purge_idx on proposal_files (id) where status = 'refused' and original_purged_at is null;
