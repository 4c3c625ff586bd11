-- xml2 is not relocatable: the server refuses ALTER EXTENSION … SET SCHEMA,
-- so moving it drops it and creates it in the new schema.
CREATE SCHEMA tools;
CREATE SCHEMA xmltools;
CREATE EXTENSION xml2 SCHEMA xmltools;
