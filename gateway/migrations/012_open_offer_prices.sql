-- The cheapest open offer of a model (the list's `lowestPrice`, `forSale`, `maxPrice` and
-- `sort=price`): an index over open offers only, by model then price, so each lookup reads one entry.
CREATE INDEX offers_open_price ON offers (model_id, price)
  WHERE NOT cancelled AND (supply_cap = 0 OR sales < supply_cap);
