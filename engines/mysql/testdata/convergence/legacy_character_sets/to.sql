-- Character sets TiDB lacks (its grammar reads MySQL's text here) are read too.
CREATE TABLE names (
    id int PRIMARY KEY,
    name varchar(40) CHARACTER SET latin2 COLLATE latin2_czech_cs,
    note text CHARACTER SET cp1250,
    code char(3) CHARACTER SET ucs2,
    kana varchar(10) CHARSET sjis
) DEFAULT CHARSET=latin2;
CREATE TABLE legacy (id int PRIMARY KEY, t varchar(10)) DEFAULT CHARSET=koi8r;
ALTER TABLE legacy CONVERT TO CHARACTER SET utf16;
