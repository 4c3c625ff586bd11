CREATE SCHEMA legacy;
CREATE TABLE legacy.events (id integer PRIMARY KEY, payload text);
CREATE INDEX events_payload_idx ON legacy.events (payload);
CREATE VIEW legacy.recent_events AS SELECT id FROM legacy.events;
CREATE SEQUENCE legacy.counter;
