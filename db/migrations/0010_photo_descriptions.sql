-- Each photo's text description, written by the candidate and shown as the image's alternative text.
-- Nullable: photos uploaded before it existed have none until their candidate writes one; a
-- submission requires one for every photo it freezes (app/submissions/schemas.ts).
alter table proposal_files
  add column description text check (length(description) between 1 and 300),
  add check (kind = 'photo' or description is null);
