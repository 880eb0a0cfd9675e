-- The public figures (/donnees) follow each order of a département to its shares, shipments and
-- receipts; the only index on a share's order was the partial one of live shares, which a query
-- about delivered ones cannot use: without this one each département's page read every share.
create index fulfilments_by_order on fulfilments (order_id);
