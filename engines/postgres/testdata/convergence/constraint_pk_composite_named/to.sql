CREATE TABLE memberships (
    group_id integer NOT NULL,
    user_id integer NOT NULL,
    role text NOT NULL DEFAULT 'member',
    CONSTRAINT memberships_pk PRIMARY KEY (group_id, user_id)
);
