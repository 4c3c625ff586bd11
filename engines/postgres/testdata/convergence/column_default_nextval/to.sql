CREATE SEQUENCE ticket_numbers;
CREATE TABLE tickets (id integer PRIMARY KEY, number bigint DEFAULT nextval('ticket_numbers'));
