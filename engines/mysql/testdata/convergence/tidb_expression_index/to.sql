CREATE TABLE users (
  id int PRIMARY KEY,
  email varchar(100) NOT NULL,
  name varchar(50),
  UNIQUE KEY email_ci ((lower(email))),
  KEY name_upper ((upper(name)), id)
);
