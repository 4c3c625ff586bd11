CREATE TABLE r ();
GRANT SELECT ON r TO ss_cf_reader, "ss_cf ""odd"" role", PUBLIC;
