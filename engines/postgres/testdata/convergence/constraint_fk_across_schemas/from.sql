CREATE SCHEMA auth;
CREATE SCHEMA shop;
CREATE TABLE auth.users (id bigint PRIMARY KEY);
CREATE TABLE shop.orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);
