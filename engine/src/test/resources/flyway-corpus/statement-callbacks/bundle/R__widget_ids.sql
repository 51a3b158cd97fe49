CREATE VIEW widget_ids AS SELECT id FROM widgets;
