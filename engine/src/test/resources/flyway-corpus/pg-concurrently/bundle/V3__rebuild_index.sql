DROP INDEX CONCURRENTLY IF EXISTS orders_customer;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id ON orders (customer, id);
