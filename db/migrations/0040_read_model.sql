-- Issue 11 at national size (docs/decisions/045): the indexes two lists lacked, and the
-- dashboards' read model that the worker computes so that a page reads rows instead of
-- aggregating the whole programme.

-- The makers' list counts each maker's members (scope 'maker:<id>'); the only index led by
-- user_id, so each count read all 55,000 memberships. Also serves every "members of <scope>".
create index memberships_by_scope on memberships (scope, role);

-- The moderation list: the answers waiting, oldest first, and the last ones moderated.
create index kit_feedback_pending on kit_feedback (answered_at, id) where moderation = 'pending' and answered_at is not null;
create index kit_feedback_moderated on kit_feedback (moderated_at desc, id desc) where moderation <> 'pending';

-- One dashboard's figures as of `computed_at`: the whole country ('*') or one département.
-- `source_mark` is the cheap fingerprint of the tables they were read from, to skip a refresh
-- when nothing changed.
create table dashboard_snapshots (
  campaign_id  bigint not null references distribution_campaigns (id) on delete cascade,
  view         text not null check (view = '*' or view ~ '^([0-9]{2}|2A|2B|97[1-6])$'),
  figures      jsonb not null,
  source_mark  text not null,
  computed_at  timestamptz not null,
  primary key (campaign_id, view)
);

-- The eligible structures that had never ordered at the snapshot's time, in the list's order:
-- a page is a range of positions.
create table dashboard_silent_structures (
  campaign_id  bigint not null,
  view         text not null,
  position     int not null,
  structure_id bigint not null references structures (id) on delete cascade,
  primary key (campaign_id, view, position),
  foreign key (campaign_id, view) references dashboard_snapshots (campaign_id, view) on delete cascade
);

-- The public figures' units received, per structure and maker, kept by the receipts themselves:
-- /donnees and a département's page sum these rows instead of following every order to its
-- shares, shipments and receipt lines. Receipt lines are only ever inserted (a receipt is final),
-- and an order never changes campaign, département or structure, so the sums stay exact.
create table delivered_units (
  campaign_id      bigint not null references distribution_campaigns (id),
  departement_code text not null,
  structure_id     bigint not null references structures (id),
  maker_id         bigint not null references makers (id),
  units            bigint not null check (units >= 0),
  primary key (campaign_id, departement_code, structure_id, maker_id)
);

create function count_delivered_units() returns trigger language plpgsql as $$
begin
  insert into delivered_units (campaign_id, departement_code, structure_id, maker_id, units)
  select o.campaign_id, o.departement_code, o.structure_id, f.maker_id, sum(added.received_units)
  from added
  join shipments s on s.id = added.shipment_id
  join fulfilments f on f.id = s.fulfilment_id
  join orders o on o.id = f.order_id
  group by o.campaign_id, o.departement_code, o.structure_id, f.maker_id
  on conflict (campaign_id, departement_code, structure_id, maker_id) do update set units = delivered_units.units + excluded.units;
  return null;
end $$;

create trigger shipment_receipt_lines_delivered after insert on shipment_receipt_lines
  referencing new table as added for each statement execute function count_delivered_units();

insert into delivered_units (campaign_id, departement_code, structure_id, maker_id, units)
select o.campaign_id, o.departement_code, o.structure_id, f.maker_id, sum(rl.received_units)
from shipment_receipt_lines rl
join shipments s on s.id = rl.shipment_id
join fulfilments f on f.id = s.fulfilment_id
join orders o on o.id = f.order_id
group by o.campaign_id, o.departement_code, o.structure_id, f.maker_id;
