CREATE TABLE event_notes (event_id INTEGER, note TEXT);
