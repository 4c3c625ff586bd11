CREATE TABLE t (id int PRIMARY KEY, loc point NOT NULL SRID 4326, m multipoint /*!80003 SRID 0 */);
