-- The catalog keeps a routine's argument and result types without their
-- modifiers: RETURNS numeric(10,2) reads back as numeric.
CREATE TABLE orders (id int PRIMARY KEY, amount numeric(10,2), created_at timestamp);
CREATE FUNCTION order_total(p_from timestamp(0), p_code varchar(10), p_rate numeric(5,2) DEFAULT 0.0)
RETURNS numeric(10,2) LANGUAGE sql AS $$ SELECT coalesce(sum(amount * (1 - p_rate)), 0) FROM orders WHERE created_at >= p_from $$;
CREATE FUNCTION order_codes(p_limit int) RETURNS TABLE (code varchar(10), total numeric(12,2)) LANGUAGE sql
AS $$ SELECT id::text, amount FROM orders LIMIT p_limit $$;
