CREATE TYPE size AS ENUM ('s', 'l', 'm');
