CREATE TABLE parent (id uuid PRIMARY KEY, tenant text NOT NULL);
