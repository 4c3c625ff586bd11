CREATE TABLE places (id int PRIMARY KEY, name varchar(100), body text, pos point NOT NULL,
  FULLTEXT KEY places_text (name, body), SPATIAL KEY places_pos (pos)) COMMENT='where';
CREATE TABLE log (id int, msg varchar(200), KEY (msg)) ENGINE=MyISAM ROW_FORMAT=FIXED DEFAULT CHARSET=latin1;
