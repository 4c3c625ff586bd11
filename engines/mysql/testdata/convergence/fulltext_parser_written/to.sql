-- A FULLTEXT index's parser is not in information_schema, yet it decides
-- what the index finds (ngram splits text without spaces): the plan
-- creates the index with the parser the files name.
CREATE TABLE posts (
  id int NOT NULL PRIMARY KEY,
  title varchar(200),
  body text,
  FULLTEXT KEY ft_title (title) WITH PARSER ngram
);
CREATE FULLTEXT INDEX ft_body ON posts (body) WITH PARSER ngram;
