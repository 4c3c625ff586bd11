-- The servers store TO_DAYS('2024-01-01') as the day number it stands for.
CREATE TABLE events (id int NOT NULL, happened date NOT NULL, PRIMARY KEY (id, happened))
PARTITION BY RANGE (TO_DAYS(happened)) (
    PARTITION p2023 VALUES LESS THAN (TO_DAYS('2024-01-01')),
    PARTITION p2024 VALUES LESS THAN (TO_DAYS('2025-01-01 00:00:00')),
    PARTITION pmax VALUES LESS THAN MAXVALUE);
