-- A new table's foreign key needs the unique key added to an existing
-- table: that key is built in the plan's transaction, not concurrently after it.
CREATE TABLE parent (id uuid PRIMARY KEY, tenant text NOT NULL, UNIQUE (id, tenant));
CREATE TABLE child (id uuid PRIMARY KEY, parent_id uuid, tenant text NOT NULL, FOREIGN KEY (parent_id, tenant) REFERENCES parent (id, tenant));
