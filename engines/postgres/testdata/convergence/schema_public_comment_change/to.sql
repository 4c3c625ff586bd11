COMMENT ON SCHEMA public IS 'our main schema';
