-- Flyway runs this outside a transaction by itself: CONCURRENTLY cannot run inside one.
CREATE INDEX CONCURRENTLY orders_customer ON orders (customer);
