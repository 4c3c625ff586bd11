CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'objects of the application, v2';
