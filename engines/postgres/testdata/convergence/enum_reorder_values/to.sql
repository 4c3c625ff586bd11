CREATE TYPE size AS ENUM ('s', 'm', 'l');
