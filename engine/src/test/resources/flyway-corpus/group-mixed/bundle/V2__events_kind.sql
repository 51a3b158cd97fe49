INSERT INTO events (id, kind) VALUES (1, 'created');
CREATE INDEX CONCURRENTLY events_kind ON events (kind);
