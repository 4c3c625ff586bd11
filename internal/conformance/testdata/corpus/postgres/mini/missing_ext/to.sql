CREATE EXTENSION no_such_ext;
