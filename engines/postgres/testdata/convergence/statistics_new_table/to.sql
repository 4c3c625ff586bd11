CREATE TABLE keep (a int);
CREATE TABLE measures (at timestamptz, device int, site int, value float8) PARTITION BY RANGE (at);
CREATE TABLE measures_2026 PARTITION OF measures FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE STATISTICS measures_device_site ON device, site FROM measures;
CREATE STATISTICS measures_2026_device_site (ndistinct) ON device, site FROM measures_2026;
ALTER STATISTICS measures_2026_device_site SET STATISTICS 1000;
COMMENT ON STATISTICS measures_device_site IS 'site follows device';
