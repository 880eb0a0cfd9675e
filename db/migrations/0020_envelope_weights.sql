-- The rest of the split's inputs, so that the published file says everything needed to recompute
-- it (docs/decisions/024): an imported weight table may have decimals, stored as whole numbers
-- scaled by 10^weight_decimals (which changes no share); and which départements the floor lifted.
alter table distribution_campaigns
  add column weight_decimals smallint not null default 0 check (weight_decimals between 0 and 6);

alter table allocations
  add column at_floor boolean not null default false;
