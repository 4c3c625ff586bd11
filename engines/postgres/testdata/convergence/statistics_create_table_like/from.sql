CREATE TABLE src (id int, b int, a int, c text);
CREATE STATISTICS src_s1 (mcv) ON a, b FROM src;
