-- A composite type's attributes of user types compare schema-qualified, as
-- the server prints them.
CREATE TYPE status_type AS ENUM ('active', 'inactive');
CREATE TYPE record_type AS (id int, status status_type, tags status_type[], label varchar(20));
