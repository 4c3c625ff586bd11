INSERT INTO orders (total) VALUES (1.50), (2.25);
