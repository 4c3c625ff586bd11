CREATE SCHEMA calc;
CREATE FUNCTION calc.twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x * 2;
CREATE FUNCTION calc.quad(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN calc.twice(calc.twice(x));
CREATE FUNCTION keep() RETURNS integer LANGUAGE sql RETURN 1;
