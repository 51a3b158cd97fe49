CREATE TYPE order_state AS ENUM ('new', 'paid');
CREATE TABLE orders (id bigserial PRIMARY KEY, customer text NOT NULL, state order_state NOT NULL DEFAULT 'new');
INSERT INTO orders (customer) SELECT 'customer ' || g FROM generate_series(1, 500) g;
