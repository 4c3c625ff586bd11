-- options added and changed in place
CREATE TEXT SEARCH DICTIONARY english_stem_nostop (TEMPLATE = pg_catalog.snowball, Language = english);
ALTER TEXT SEARCH DICTIONARY english_stem_nostop (StopWords = english);
COMMENT ON TEXT SEARCH DICTIONARY english_stem_nostop IS 'stems, stops';
CREATE TEXT SEARCH DICTIONARY simple_accept (TEMPLATE = simple, Accept = false, StopWords = 'english');
CREATE TEXT SEARCH DICTIONARY retemplated (TEMPLATE = snowball, language = 'french');
CREATE TEXT SEARCH CONFIGURATION eng (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION eng ADD MAPPING FOR asciiword, word WITH english_stem_nostop, simple_accept;
