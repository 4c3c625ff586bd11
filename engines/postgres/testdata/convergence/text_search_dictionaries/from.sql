CREATE TEXT SEARCH DICTIONARY english_stem_nostop (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH DICTIONARY gone (TEMPLATE = simple);
CREATE TEXT SEARCH DICTIONARY retemplated (TEMPLATE = simple);
