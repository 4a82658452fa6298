-- The shop's contract on a running PostgreSQL, after schema.sql: what a
-- customer or a replayed webhook tries, and what the database must answer.
-- Each step raises (and psql -v ON_ERROR_STOP=1 exits non-zero) when the
-- database lets through what the contract forbids.
INSERT INTO "Customer" ("id", "email", "name") VALUES ('00000000-0000-4000-8000-00000000c001', 'ada@example.com', 'Ada');
INSERT INTO "Product" ("id", "sku", "name", "description", "price", "stock", "category")
VALUES ('00000000-0000-4000-8000-00000000b001', 'SKU-1', 'Oats', 'Rolled oats', 2.50, 10, 'cereal'),
       ('00000000-0000-4000-8000-00000000b002', 'SKU-2', 'Milk', 'Whole milk', 1.15, 10, 'dairy');

-- A new order starts pending with a zero total, whatever the client meant.
INSERT INTO "Order" ("id", "customer") VALUES ('00000000-0000-4000-8000-00000000a001', '00000000-0000-4000-8000-00000000c001');
DO $t$ BEGIN
  IF (SELECT "status" FROM "Order" WHERE "id" = '00000000-0000-4000-8000-00000000a001') <> 'pending' THEN
    RAISE EXCEPTION 'a new order does not start pending';
  END IF;
END $t$;

-- The total is the exact sum of the lines: 3 x 2.50 + 3 x 1.15 = 10.95.
INSERT INTO "OrderItem" ("order", "product", "quantity", "price")
VALUES ('00000000-0000-4000-8000-00000000a001', '00000000-0000-4000-8000-00000000b001', 3, 2.50),
       ('00000000-0000-4000-8000-00000000a001', '00000000-0000-4000-8000-00000000b002', 3, 1.15);
DO $t$ BEGIN
  IF (SELECT "total" FROM "Order" WHERE "id" = '00000000-0000-4000-8000-00000000a001') <> 10.95 THEN
    RAISE EXCEPTION 'total is % , not the exact sum 10.95', (SELECT "total" FROM "Order" WHERE "id" = '00000000-0000-4000-8000-00000000a001');
  END IF;
END $t$;

-- An order cannot be created already paid.
DO $t$ BEGIN
  INSERT INTO "Order" ("customer", "status") VALUES ('00000000-0000-4000-8000-00000000c001', 'paid');
  RAISE EXCEPTION 'an order was created as paid';
EXCEPTION WHEN check_violation THEN NULL;
END $t$;

-- pending -> shipped skips payment: refused.
DO $t$ BEGIN
  UPDATE "Order" SET "status" = 'shipped' WHERE "id" = '00000000-0000-4000-8000-00000000a001';
  RAISE EXCEPTION 'pending -> shipped was accepted';
EXCEPTION WHEN check_violation THEN NULL;
END $t$;

-- The declared path is accepted: pending -> paid -> packed; and no way back.
UPDATE "Order" SET "status" = 'paid' WHERE "id" = '00000000-0000-4000-8000-00000000a001';
UPDATE "Order" SET "status" = 'packed' WHERE "id" = '00000000-0000-4000-8000-00000000a001';
DO $t$ BEGIN
  UPDATE "Order" SET "status" = 'pending' WHERE "id" = '00000000-0000-4000-8000-00000000a001';
  RAISE EXCEPTION 'packed -> pending was accepted';
EXCEPTION WHEN check_violation THEN NULL;
END $t$;

-- A replayed webhook event is recorded once; the replay inserts nothing.
DO $t$
DECLARE n integer;
BEGIN
  INSERT INTO "webhook_events" ("provider", "event_id", "event_type") VALUES ('stripe', 'evt_1', 'checkout.session.completed')
  ON CONFLICT ("provider", "event_id") DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> 1 THEN RAISE EXCEPTION 'the first delivery was not recorded'; END IF;
  INSERT INTO "webhook_events" ("provider", "event_id", "event_type") VALUES ('stripe', 'evt_1', 'checkout.session.completed')
  ON CONFLICT ("provider", "event_id") DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> 0 THEN RAISE EXCEPTION 'a replayed event was recorded again'; END IF;
END $t$;

-- Orders are kept for tax law: deleting their customer is refused.
DO $t$ BEGIN
  DELETE FROM "Customer" WHERE "id" = '00000000-0000-4000-8000-00000000c001';
  RAISE EXCEPTION 'deleting a customer deleted their orders';
EXCEPTION WHEN foreign_key_violation THEN NULL;
END $t$;
