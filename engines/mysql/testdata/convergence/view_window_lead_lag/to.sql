-- MariaDB stores lead(x) and lag(x) with their default offset, lead(x,1).
CREATE TABLE prices (id int PRIMARY KEY, start_at datetime);
CREATE VIEW next_prices AS
SELECT lead(p.start_at) OVER (ORDER BY p.start_at) AS next_at,
       lag(p.start_at, 1) OVER (ORDER BY p.start_at DESC) AS prev_at,
       lead(p.start_at, 2) OVER (ORDER BY p.start_at) AS after_next
FROM prices AS p;
