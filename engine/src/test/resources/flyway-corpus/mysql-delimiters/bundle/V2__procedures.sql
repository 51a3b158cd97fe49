DELIMITER //
CREATE PROCEDURE add_event(IN k VARCHAR(20))
BEGIN
  INSERT INTO events (kind) VALUES (k);
  INSERT INTO event_log (note) VALUES (CONCAT('added ', k));
END //
CREATE TRIGGER events_seen BEFORE UPDATE ON events FOR EACH ROW
BEGIN
  SET NEW.seen = OLD.seen + 1;
END //
DELIMITER ;
CALL add_event('boot');
